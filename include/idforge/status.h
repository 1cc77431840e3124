// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Status and Result<T>: how every fallible engine call reports failure. The engine never throws
// across its API; an OK Status costs one pointer-sized check (leveldb's design).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace idforge {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,    // bad option, bad job file: the user must change the configuration
  kNotFound,           // a named file, column or record does not exist
  kIOError,            // the OS refused a read or write
  kCorruptInput,       // input data that `on_error: fail` made fatal
  kResourceExhausted,  // a configured limit was exceeded
  kCancelled,
  kInternal,           // a bug: an invariant did not hold
};

std::string_view StatusCodeName(StatusCode code);

// A value type: OK, or a code plus a message that says what, where and how to fix it.
// Thread-compatible (like std::string).
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  std::string_view message() const { return state_ ? std::string_view(state_->message) : ""; }
  // "<code>: <message>", or "OK".
  std::string ToString() const;

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;  // null when OK
};

inline Status InvalidArgument(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status IOError(std::string message) {
  return Status(StatusCode::kIOError, std::move(message));
}
inline Status CorruptInput(std::string message) {
  return Status(StatusCode::kCorruptInput, std::move(message));
}
inline Status ResourceExhausted(std::string message) {
  return Status(StatusCode::kResourceExhausted, std::move(message));
}
inline Status Internal(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Holds a T or a non-OK Status (absl::StatusOr). Accessing value() of an error is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = Status(StatusCode::kInternal, "Result built from an OK Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace idforge

#define IDFORGE_CONCAT_INNER_(a, b) a##b
#define IDFORGE_CONCAT_(a, b) IDFORGE_CONCAT_INNER_(a, b)

#define IDFORGE_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    ::idforge::Status idforge_status_ = (expr);       \
    if (!idforge_status_.ok()) return idforge_status_; \
  } while (false)

#define IDFORGE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()

#define IDFORGE_ASSIGN_OR_RETURN(lhs, expr) \
  IDFORGE_ASSIGN_OR_RETURN_IMPL_(IDFORGE_CONCAT_(idforge_result_, __LINE__), lhs, expr)
