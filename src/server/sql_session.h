// The SQL side of one connection: parsing, planning, executing and transaction state.
// The protocol loop (session.cc) talks to it; it knows nothing of the wire format.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/value.h"

namespace zijin {
class Interrupt;
}  // namespace zijin

namespace zijin::types {
struct FormatOptions;
}  // namespace zijin::types

namespace zijin::planner {
struct ResultColumn;
}  // namespace zijin::planner

namespace zijin::exec {
class RowSink;
class CopyChannel;
}  // namespace zijin::exec

namespace zijin::server {

class Instance;
struct PreparedImpl;
struct PortalImpl;

// A parsed and analyzed statement, reusable across executions (Parse / PREPARE).
class Prepared {
 public:
  ~Prepared();
  const std::vector<types::LogicalType>& param_types() const;
  // Columns the statement returns (a SELECT may return rows of no columns).
  const std::vector<planner::ResultColumn>& columns() const;
  bool returns_rows() const;
  const std::string& text() const;
  // Shared with the portals bound to it, which keep it alive after a Close.
  std::shared_ptr<PreparedImpl> impl;
};

// A statement bound to parameter values, executing or ready to (Bind / simple query).
class Portal {
 public:
  ~Portal();
  const std::vector<planner::ResultColumn>& columns() const;
  bool returns_rows() const;
  std::unique_ptr<PortalImpl> impl;
};

enum class TxnState : char { kIdle = 'I', kInBlock = 'T', kFailed = 'E' };

// What Run() produced: rows went to the sink; `tag` is the CommandComplete tag.
struct RunResult {
  bool suspended = false;  // row limit reached, more rows remain
  bool empty = false;      // an empty query string (EmptyQueryResponse, no tag)
  std::string tag;
};

class SqlSession {
 public:
  SqlSession(Instance* instance, std::string user, std::string database);
  ~SqlSession();

  // Checks that the database exists and loads session defaults.
  Status Init(const std::vector<std::pair<std::string, std::string>>& startup_options);

  // Splits and parses `sql` into statements; each is prepared separately (simple protocol).
  Result<std::vector<std::unique_ptr<Prepared>>> PrepareAll(std::string_view sql);
  // Parse message: exactly one statement; `param_oids` may leave types unspecified (0).
  Result<std::unique_ptr<Prepared>> PrepareOne(std::string_view sql,
                                               const std::vector<uint32_t>& param_oids);
  // Binds parameter values (already decoded) to a prepared statement.
  Result<std::unique_ptr<Portal>> Bind(const Prepared& prepared,
                                       std::vector<types::Value> params);
  // Decodes a Bind parameter in text (format 0) or binary (1).
  Result<types::Value> DecodeParam(const types::LogicalType& type, std::string_view data,
                                   int16_t format);
  // Executes (or resumes) a portal; max_rows 0 = all. COPY statements use `copy`.
  Result<RunResult> Run(Portal* portal, int64_t max_rows, exec::RowSink* sink,
                        exec::CopyChannel* copy);
  // Whether the portal is a COPY FROM STDIN / TO STDOUT (and which), for the protocol loop.
  bool IsCopyIn(const Portal& portal) const;
  bool IsCopyOut(const Portal& portal) const;

  // Statement boundaries: a simple Query or a Sync ends (commits) an implicit transaction.
  // An error means the commit failed; the transaction is gone either way.
  Status EndImplicitTransaction();
  // Marks the transaction block failed after an error (statement already rolled back).
  void OnError();
  TxnState txn_state() const;
  // idle_in_transaction_session_timeout as now set (0 = none).
  int64_t IdleInTransactionTimeoutMs() const;

  // Settings whose value the client must hear about (ParameterStatus) after they changed.
  std::vector<std::pair<std::string, std::string>> TakeReportedSettings();
  std::vector<std::pair<std::string, std::string>> InitialReportedSettings();
  // Warnings and notices raised since the last call (NoticeResponse), oldest first, already
  // filtered by client_min_messages.
  std::vector<ErrorInfo> TakeNotices();
  // True once after DEALLOCATE ALL or DISCARD ALL: named protocol-level statements go too.
  bool TakeDeallocateAll();
  // Text output options (DateStyle, TimeZone, extra_float_digits) for encoding rows.
  const types::FormatOptions& format_options() const;
  // Cancel requests and the statement_timeout deadline of the running statement.
  Interrupt& interrupt();
  // The backend process ID the client was given (pg_backend_pid(), pg_locks.pid).
  void SetBackendPid(int32_t pid);
  const std::string& user() const;
  const std::string& database() const;
  uint32_t database_oid() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace zijin::server
