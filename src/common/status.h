// Status and Result<T>: the error type of every fallible function, carrying a PostgreSQL SQLSTATE.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace zijin {

// SQLSTATE codes used across the code base; the names follow PostgreSQL's errcodes.txt.
namespace sqlstate {
inline constexpr char kSuccess[] = "00000";
inline constexpr char kWarning[] = "01000";
inline constexpr char kConnectionFailure[] = "08006";
inline constexpr char kProtocolViolation[] = "08P01";
inline constexpr char kFeatureNotSupported[] = "0A000";
inline constexpr char kCardinalityViolation[] = "21000";
inline constexpr char kDataException[] = "22000";
inline constexpr char kStringDataRightTruncation[] = "22001";
inline constexpr char kNumericValueOutOfRange[] = "22003";
inline constexpr char kInvalidDatetimeFormat[] = "22007";
inline constexpr char kDatetimeFieldOverflow[] = "22008";
inline constexpr char kDivisionByZero[] = "22012";
inline constexpr char kIntervalFieldOverflow[] = "22015";
inline constexpr char kInvalidArgumentForPowerFunction[] = "2201F";
inline constexpr char kInvalidParameterValue[] = "22023";
inline constexpr char kInvalidTextRepresentation[] = "22P02";
inline constexpr char kInvalidBinaryRepresentation[] = "22P03";
inline constexpr char kCharacterNotInRepertoire[] = "22021";
inline constexpr char kInvalidEscapeSequence[] = "22025";
inline constexpr char kIntegrityConstraintViolation[] = "23000";
inline constexpr char kNotNullViolation[] = "23502";
inline constexpr char kForeignKeyViolation[] = "23503";
inline constexpr char kUniqueViolation[] = "23505";
inline constexpr char kCheckViolation[] = "23514";
inline constexpr char kInvalidCursorState[] = "24000";
inline constexpr char kActiveSqlTransaction[] = "25001";
inline constexpr char kNoActiveSqlTransaction[] = "25P01";
inline constexpr char kInFailedSqlTransaction[] = "25P02";
inline constexpr char kIdleInTransactionSessionTimeout[] = "25P03";
inline constexpr char kReadOnlySqlTransaction[] = "25006";
inline constexpr char kInvalidSqlStatementName[] = "26000";
inline constexpr char kInvalidAuthorizationSpecification[] = "28000";
inline constexpr char kInvalidPassword[] = "28P01";
inline constexpr char kInvalidTransactionTermination[] = "2D000";
inline constexpr char kInvalidCursorName[] = "34000";
inline constexpr char kDuplicateCursor[] = "42P03";
inline constexpr char kSerializationFailure[] = "40001";
inline constexpr char kDeadlockDetected[] = "40P01";
inline constexpr char kSyntaxError[] = "42601";
inline constexpr char kInsufficientPrivilege[] = "42501";
inline constexpr char kGroupingError[] = "42803";
inline constexpr char kWindowingError[] = "42P20";
inline constexpr char kInvalidForeignKey[] = "42830";
inline constexpr char kInvalidName[] = "42602";
inline constexpr char kDatatypeMismatch[] = "42804";
inline constexpr char kWrongObjectType[] = "42809";
inline constexpr char kUndefinedColumn[] = "42703";
inline constexpr char kUndefinedFunction[] = "42883";
inline constexpr char kUndefinedTable[] = "42P01";
inline constexpr char kUndefinedParameter[] = "42P02";
inline constexpr char kUndefinedObject[] = "42704";
inline constexpr char kDuplicateColumn[] = "42701";
inline constexpr char kDuplicateDatabase[] = "42P04";
inline constexpr char kDuplicateObject[] = "42710";
inline constexpr char kDuplicatePreparedStatement[] = "42P05";
inline constexpr char kDuplicateSchema[] = "42P06";
inline constexpr char kDuplicateTable[] = "42P07";
inline constexpr char kDuplicateAlias[] = "42712";
inline constexpr char kAmbiguousColumn[] = "42702";
inline constexpr char kAmbiguousFunction[] = "42725";
inline constexpr char kAmbiguousParameter[] = "42P08";
inline constexpr char kInvalidColumnReference[] = "42P10";
inline constexpr char kInvalidTableDefinition[] = "42P16";
inline constexpr char kInvalidObjectDefinition[] = "42P17";
inline constexpr char kIndeterminateDatatype[] = "42P18";
inline constexpr char kInvalidRecursion[] = "42P19";
inline constexpr char kCannotCoerce[] = "42846";
inline constexpr char kDependentObjectsStillExist[] = "2BP01";
inline constexpr char kInvalidSchemaName[] = "3F000";
inline constexpr char kInvalidCatalogName[] = "3D000";
inline constexpr char kObjectInUse[] = "55006";
inline constexpr char kObjectNotInPrerequisiteState[] = "55000";
inline constexpr char kLockNotAvailable[] = "55P03";
inline constexpr char kProgramLimitExceeded[] = "54000";
inline constexpr char kStatementTooComplex[] = "54001";
inline constexpr char kTooManyColumns[] = "54011";
inline constexpr char kQueryCanceled[] = "57014";
inline constexpr char kAdminShutdown[] = "57P01";
inline constexpr char kCannotConnectNow[] = "57P03";
inline constexpr char kDiskFull[] = "53100";
inline constexpr char kOutOfMemory[] = "53200";
inline constexpr char kTooManyConnections[] = "53300";
inline constexpr char kIoError[] = "58030";
inline constexpr char kBadCopyFileFormat[] = "22P04";
inline constexpr char kInternalError[] = "XX000";
inline constexpr char kDataCorrupted[] = "XX001";
inline constexpr char kInvalidRegularExpression[] = "2201B";
inline constexpr char kNullValueNotAllowed[] = "22004";
inline constexpr char kInvalidRowCountInLimit[] = "2201W";
inline constexpr char kInvalidRowCountInOffset[] = "2201X";
inline constexpr char kSequenceGeneratorLimitExceeded[] = "2200H";
inline constexpr char kObjectNotInState[] = "55000";
inline constexpr char kUndefinedDatabase[] = "3D000";
inline constexpr char kConfigFileError[] = "F0000";
inline constexpr char kCantChangeRuntimeParam[] = "55P02";
}  // namespace sqlstate

// The fields of a PostgreSQL ErrorResponse that a Status can carry.
struct ErrorInfo {
  std::string sqlstate;
  std::string message;
  std::string detail;
  std::string hint;
  std::string context;  // where it happened: "COPY t, line 3, column n: \"x\""
  int position = 0;  // 1-based character offset into the statement text; 0 = none
  std::string severity = "ERROR";
};

// A Status is OK (one null pointer, free to copy and test) or an error with ErrorInfo.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(const Status& o) : err_(o.err_ ? std::make_unique<ErrorInfo>(*o.err_) : nullptr) {}
  Status& operator=(const Status& o) {
    if (this != &o) err_ = o.err_ ? std::make_unique<ErrorInfo>(*o.err_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status Error(std::string_view sqlstate, std::string message) {
    Status s;
    s.err_ = std::make_unique<ErrorInfo>();
    s.err_->sqlstate = std::string(sqlstate);
    s.err_->message = std::move(message);
    return s;
  }
  static Status Internal(std::string message) {
    return Error(sqlstate::kInternalError, std::move(message));
  }
  static Status NotSupported(std::string message) {
    return Error(sqlstate::kFeatureNotSupported, std::move(message));
  }

  bool ok() const { return err_ == nullptr; }
  const std::string& sqlstate() const { return err_->sqlstate; }
  const std::string& message() const { return err_->message; }
  const ErrorInfo& info() const { return *err_; }
  ErrorInfo& mutable_info() { return *err_; }
  bool Is(std::string_view code) const { return err_ && err_->sqlstate == code; }

  // Builder-style decorations; no-ops on OK.
  Status&& WithDetail(std::string d) && {
    if (err_) err_->detail = std::move(d);
    return std::move(*this);
  }
  Status&& WithHint(std::string h) && {
    if (err_) err_->hint = std::move(h);
    return std::move(*this);
  }
  Status&& WithContext(std::string c) && {
    if (err_) err_->context = std::move(c);
    return std::move(*this);
  }
  Status&& WithPosition(int pos) && {
    if (err_ && err_->position == 0) err_->position = pos;
    return std::move(*this);
  }
  void SetPositionIfUnset(int pos) {
    if (err_ && err_->position == 0) err_->position = pos;
  }

  // "SQLSTATE: message" for logs and tests.
  std::string ToString() const;

 private:
  std::unique_ptr<ErrorInfo> err_;
};

// Result<T> holds a T or an error Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  const Status& status() const& {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  Status status() && { return ok() ? Status::OK() : std::move(std::get<1>(v_)); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace zijin

#define ZJ_CONCAT_INNER(a, b) a##b
#define ZJ_CONCAT(a, b) ZJ_CONCAT_INNER(a, b)

#define ZJ_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::zijin::Status _zj_st = (expr);         \
    if (!_zj_st.ok()) return _zj_st;         \
  } while (0)

#define ZJ_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = std::move(tmp).value()

#define ZJ_ASSIGN_OR_RETURN(lhs, expr) \
  ZJ_ASSIGN_OR_RETURN_IMPL(ZJ_CONCAT(_zj_res_, __LINE__), lhs, expr)
