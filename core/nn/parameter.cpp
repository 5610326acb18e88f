#include "nn/parameter.h"

#include <cstdint>
#include <string>

namespace routescope::nn {

namespace {
constexpr std::uint32_t kParameterFormatVersion = 1;
}

void saveParameters(BinaryWriter& out, const std::vector<Parameter>& parameters)
{
    out.write<std::uint32_t>(kParameterFormatVersion);
    out.write<std::uint64_t>(parameters.size());
    for (const auto& p : parameters)
        out.writeMatrix(*p.value);
}

void loadParameters(BinaryReader& in, const std::vector<Parameter>& parameters)
{
    const auto version = in.read<std::uint32_t>();
    if (version != kParameterFormatVersion)
        throw FormatError("unsupported parameter format version " + std::to_string(version));
    if (in.read<std::uint64_t>() != parameters.size())
        throw FormatError("parameter count does not match the network");
    for (const auto& p : parameters) {
        Eigen::MatrixXf m;
        in.readMatrix(m);
        if (m.rows() != p.value->rows() || m.cols() != p.value->cols())
            throw FormatError("parameter shape does not match the network");
        *p.value = std::move(m);
    }
}

std::vector<Eigen::MatrixXf> snapshot(const std::vector<Parameter>& parameters)
{
    std::vector<Eigen::MatrixXf> values;
    values.reserve(parameters.size());
    for (const auto& p : parameters)
        values.push_back(*p.value);
    return values;
}

void restore(const std::vector<Parameter>& parameters, const std::vector<Eigen::MatrixXf>& values)
{
    for (std::size_t i = 0; i < parameters.size(); ++i)
        *parameters[i].value = values[i];
}

} // namespace routescope::nn
