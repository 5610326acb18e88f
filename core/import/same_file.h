#pragma once
// Whether a file about to be imported is one the project already holds: the same file opened
// again, or a copy of it. Compared byte for byte with each dataset's source file as long as that
// file is unchanged since its import (the project keeps no copy of the bytes themselves).

#include "store/project_store.h"

#include <string>
#include <vector>

namespace routescope {

// The names of the datasets imported from a file whose bytes equal those of `path`.
std::vector<std::string> datasetsFromSameFile(ProjectStore& store, const std::string& path);

} // namespace routescope
