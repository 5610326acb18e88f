#include "pipeline/npy_file.h"

#include <cstdint>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace routescope::bench {

namespace {

using RowMajorFloats = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
const std::string kMagic = "\x93NUMPY";

} // namespace

void writeNpy(const std::string& path, const FeatureMatrix& matrix)
{
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(matrix.rows()) +
                         ", " + std::to_string(matrix.cols()) + "), }";
    // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ends in '\n'.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    const RowMajorFloats rows = matrix;
    std::ofstream out(path, std::ios::binary);
    const std::uint16_t length = static_cast<std::uint16_t>(header.size());
    out << kMagic << '\x01' << '\x00';
    out.put(static_cast<char>(length & 0xff)).put(static_cast<char>(length >> 8));
    out << header;
    out.write(reinterpret_cast<const char*>(rows.data()), std::streamsize(rows.size() * sizeof(float)));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

FeatureMatrix readNpy(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    char prefix[10];
    if (!in.read(prefix, sizeof prefix) || std::string(prefix, 6) != kMagic || prefix[6] != 1)
        throw std::runtime_error(path + ": not a version 1 .npy file");
    const std::size_t length = std::uint8_t(prefix[8]) | std::size_t(std::uint8_t(prefix[9])) << 8;
    std::string header(length, ' ');
    in.read(header.data(), std::streamsize(length));
    std::smatch shape;
    if (header.find("'<f4'") == std::string::npos || header.find("False") == std::string::npos ||
        !std::regex_search(header, shape, std::regex(R"(\((\d+), (\d+)\))")))
        throw std::runtime_error(path + ": expected a 2-D little-endian float32 array in C order");
    RowMajorFloats rows(std::stol(shape[1]), std::stol(shape[2]));
    if (!in.read(reinterpret_cast<char*>(rows.data()), std::streamsize(rows.size() * sizeof(float))))
        throw std::runtime_error(path + ": truncated");
    return rows;
}

} // namespace routescope::bench
