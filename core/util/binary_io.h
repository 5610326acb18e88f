#pragma once
// Little-endian binary serialisation for trained routers and feature caches. Every read is
// bounds-checked: a truncated or corrupt blob throws FormatError, never reads out of range.

#include <Eigen/Core>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace routescope {

class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class BinaryWriter {
public:
    template <typename T>
    void write(T value)
    {
        static_assert(std::is_arithmetic_v<T>);
        const auto* p = reinterpret_cast<const std::uint8_t*>(&value);
        bytes_.insert(bytes_.end(), p, p + sizeof(T));
    }
    void writeString(const std::string& s)
    {
        write<std::uint64_t>(s.size());
        bytes_.insert(bytes_.end(), s.begin(), s.end());
    }
    template <typename Scalar, int R, int C>
    void writeMatrix(const Eigen::Matrix<Scalar, R, C>& m)
    {
        write<std::uint64_t>(static_cast<std::uint64_t>(m.rows()));
        write<std::uint64_t>(static_cast<std::uint64_t>(m.cols()));
        const auto* p = reinterpret_cast<const std::uint8_t*>(m.data());
        bytes_.insert(bytes_.end(), p, p + sizeof(Scalar) * static_cast<std::size_t>(m.size()));
    }
    const std::vector<std::uint8_t>& bytes() const { return bytes_; }

private:
    std::vector<std::uint8_t> bytes_;
};

class BinaryReader {
public:
    BinaryReader(const void* data, std::size_t size)
        : data_(static_cast<const std::uint8_t*>(data)), size_(size)
    {
    }
    template <typename T>
    T read()
    {
        static_assert(std::is_arithmetic_v<T>);
        need(sizeof(T));
        T value;
        std::memcpy(&value, data_ + pos_, sizeof(T));
        pos_ += sizeof(T);
        return value;
    }
    std::string readString()
    {
        const auto n = read<std::uint64_t>();
        need(n);
        std::string s(reinterpret_cast<const char*>(data_ + pos_), n);
        pos_ += n;
        return s;
    }
    template <typename Scalar, int R, int C>
    void readMatrix(Eigen::Matrix<Scalar, R, C>& m)
    {
        const auto rows = read<std::uint64_t>();
        const auto cols = read<std::uint64_t>();
        if (rows > (1ull << 32) || cols > (1ull << 32) || (cols && rows > (size_ - pos_) / cols))
            throw FormatError("matrix size out of range");
        const std::uint64_t bytes = rows * cols * sizeof(Scalar);
        need(bytes);
        if ((R != Eigen::Dynamic && rows != std::uint64_t(R)) || (C != Eigen::Dynamic && cols != std::uint64_t(C)))
            throw FormatError("matrix shape does not match");
        m.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
        if (bytes > 0) // an empty matrix has no data pointer, and memcpy must not get null
            std::memcpy(m.data(), data_ + pos_, bytes);
        pos_ += bytes;
    }
    bool atEnd() const { return pos_ == size_; }

private:
    void need(std::uint64_t n) const
    {
        if (n > size_ - pos_)
            throw FormatError("unexpected end of data");
    }
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

} // namespace routescope
