#pragma once
// Router settings as text: "knn:k=20" on the command line, "k=20,tie=top" in the project file.

#include "routers/router.h"

#include <string>

namespace routescope {

// "k=20,tie=top" -> {{"k","20"},{"tie","top"}}; throws std::invalid_argument on a malformed pair.
RouterSettings parseRouterSettings(const std::string& text);
// The inverse, keys in sorted order, so equal settings give equal text.
std::string formatRouterSettings(const RouterSettings& settings);

// Typed look-ups with a default; a value that does not parse throws std::invalid_argument
// naming the setting.
long long settingInteger(const RouterSettings& settings, const std::string& key, long long fallback);
double settingDouble(const RouterSettings& settings, const std::string& key, double fallback);
std::string settingText(const RouterSettings& settings, const std::string& key, const std::string& fallback);

} // namespace routescope
