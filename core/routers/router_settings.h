#pragma once
// Router settings as text, as the project file keeps them: "k=20,tie=top". Typed reading with
// checks is SettingsReader (settings_reader.h).

#include "routers/router.h"

#include <string>

namespace routescope {

// "k=20,tie=top" -> {{"k","20"},{"tie","top"}}; throws std::invalid_argument on a malformed pair.
RouterSettings parseRouterSettings(const std::string& text);
// The inverse, keys in sorted order, so equal settings give equal text.
std::string formatRouterSettings(const RouterSettings& settings);

} // namespace routescope
