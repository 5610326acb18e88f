#pragma once
// float32 matrices as NumPy .npy files (format 1.0, C order), so the Python reference can run on
// exactly the features RouteScope computed.

#include "routers/router.h"

#include <string>

namespace routescope::bench {

void writeNpy(const std::string& path, const FeatureMatrix& matrix);
// Reads what writeNpy writes ('<f4', C order, 2-D); throws std::runtime_error otherwise.
FeatureMatrix readNpy(const std::string& path);

} // namespace routescope::bench
