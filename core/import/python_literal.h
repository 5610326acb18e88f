#pragma once
// RouterBench stores each prompt as the Python repr of a list of strings; this turns it back
// into the text the models saw.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace routescope {

// The strings of a Python list-of-strings literal (`['a', "b\n"]`), or nothing when the text is not one.
std::optional<std::vector<std::string>> parsePythonStringList(std::string_view literal);

// The list's strings joined by "\n" when `text` is such a literal, otherwise `text` unchanged.
std::string promptFromPythonRepr(std::string_view text);

} // namespace routescope
