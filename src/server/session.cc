// The protocol loop: start-up, simple and extended query, COPY, errors, termination.
#include "server/session.h"

#include <algorithm>
#include <cerrno>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <utility>

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "common/interrupt.h"
#include "common/logging.h"
#include "common/settings.h"
#include "exec/result.h"
#include "server/connection.h"
#include "server/instance.h"
#include "server/protocol/wire.h"
#include "server/sql_session.h"
#include "types/type_io.h"

namespace zijin::server {
namespace {

constexpr int32_t kProtocol3 = 196608;
constexpr int32_t kSslRequest = 80877103;
constexpr int32_t kGssRequest = 80877104;
constexpr int32_t kCancelRequest = 80877102;

// Encodes result rows as DataRow messages in the formats the client asked for.
class DataRowSink : public exec::RowSink {
 public:
  DataRowSink(MessageWriter* out, Connection* conn, const types::FormatOptions* fmt)
      : out_(out), conn_(conn), fmt_(fmt) {}
  void SetFormats(std::vector<int16_t> formats) { formats_ = std::move(formats); }

  Status Row(const exec::Row& row) override {
    out_->Begin('D');
    out_->Int16(static_cast<int16_t>(row.size()));
    for (size_t i = 0; i < row.size(); ++i) {
      const types::Value& v = row[i];
      if (v.is_null()) {
        out_->Int32(-1);
        continue;
      }
      size_t at = out_->BeginField();
      if (Binary(i)) {
        types::FormatBinary(v, &out_->buffer());
      } else {
        types::FormatText(v, &out_->buffer(), *fmt_);
      }
      out_->EndField(at);
    }
    out_->End();
    ++rows_;
    // Keep the output buffer bounded on large results.
    if (out_->size() > (256u << 10)) {
      ZJ_RETURN_IF_ERROR(conn_->Write(out_->buffer()));
      out_->Clear();
    }
    return Status::OK();
  }
  uint64_t rows() const { return rows_; }

 private:
  bool Binary(size_t col) const {
    if (formats_.empty()) return false;
    if (formats_.size() == 1) return formats_[0] == 1;
    return col < formats_.size() && formats_[col] == 1;
  }
  MessageWriter* out_;
  Connection* conn_;
  const types::FormatOptions* fmt_;
  std::vector<int16_t> formats_;
  uint64_t rows_ = 0;
};

class ProtocolSession;

// COPY data through the protocol: CopyInResponse / CopyData / CopyDone / CopyFail.
class ProtocolCopyChannel : public exec::CopyChannel {
 public:
  ProtocolCopyChannel(MessageWriter* out, Connection* conn) : out_(out), conn_(conn) {}
  Status BeginCopyIn(int columns, bool binary) override {
    out_->Begin('G');
    out_->Byte(binary ? 1 : 0);
    out_->Int16(static_cast<int16_t>(columns));
    for (int i = 0; i < columns; ++i) out_->Int16(binary ? 1 : 0);
    out_->End();
    ZJ_RETURN_IF_ERROR(conn_->Write(out_->buffer()));
    out_->Clear();
    in_copy_ = true;
    return Status::OK();
  }
  Result<bool> ReadChunk(std::string* data) override {
    for (;;) {
      char type;
      bool eof;
      std::string body;
      ZJ_RETURN_IF_ERROR(conn_->ReadMessage(&type, &body, &eof));
      switch (type) {
        case 'd': *data = std::move(body); return true;
        case 'c': in_copy_ = false; return false;
        case 'f': {
          in_copy_ = false;
          MessageReader r(body);
          auto msg = r.CString();
          return Status::Error(sqlstate::kQueryCanceled,
                               "COPY from stdin failed: " +
                                   std::string(msg.ok() ? *msg : std::string_view("")));
        }
        case 'H':
        case 'S': continue;  // allowed and ignored during COPY IN
        default:
          in_copy_ = false;
          return ProtocolViolation("unexpected message type 0x" + Hex(type) +
                                   " during COPY from stdin");
      }
    }
  }
  Status BeginCopyOut(int columns, bool binary) override {
    out_->Begin('H');
    out_->Byte(binary ? 1 : 0);
    out_->Int16(static_cast<int16_t>(columns));
    for (int i = 0; i < columns; ++i) out_->Int16(binary ? 1 : 0);
    out_->End();
    return Status::OK();
  }
  Status WriteChunk(std::string_view data) override {
    out_->Begin('d');
    out_->Bytes(data);
    out_->End();
    if (out_->size() > (256u << 10)) {
      ZJ_RETURN_IF_ERROR(conn_->Write(out_->buffer()));
      out_->Clear();
    }
    return Status::OK();
  }
  Status EndCopyOut() override {
    out_->Begin('c');
    out_->End();
    return Status::OK();
  }
  // After an error in the middle of COPY IN the client keeps sending data until CopyDone.
  void DrainAfterError() {
    while (in_copy_) {
      char type;
      bool eof;
      std::string body;
      if (!conn_->ReadMessage(&type, &body, &eof).ok()) return;
      if (type == 'c' || type == 'f') in_copy_ = false;
    }
  }

 private:
  static std::string Hex(char c) {
    static const char* d = "0123456789abcdef";
    unsigned char u = static_cast<unsigned char>(c);
    return std::string{d[u >> 4], d[u & 15]};
  }
  MessageWriter* out_;
  Connection* conn_;
  bool in_copy_ = false;
};

class ProtocolSession {
 public:
  ProtocolSession(Instance* instance, int fd) : instance_(instance), conn_(fd) {}
  void Run();

 private:
  Status Startup(bool* proceed);
  Status Loop();
  Status HandleQuery(std::string_view body);
  Status HandleParse(std::string_view body);
  Status HandleBind(std::string_view body);
  Status HandleDescribe(std::string_view body);
  Status HandleExecute(std::string_view body);
  Status HandleClose(std::string_view body);
  // Runs one portal to completion (simple protocol) or up to max_rows (extended).
  Status RunPortal(Portal* portal, int64_t max_rows, DataRowSink* sink, bool* suspended);
  void SendRowDescription(const std::vector<exec::ResultColumn>& cols,
                          const std::vector<int16_t>& formats);
  void SendError(const Status& st);
  // Waits for the client's next message while a transaction is open; 25P03 (the session then
  // ends) after idle_in_transaction_session_timeout.
  Status WaitInTransaction();
  // An ErrorResponse (type 'E') or NoticeResponse ('N') with every field `e` has.
  void SendErrorOrNotice(char type, const ErrorInfo& e);
  void SendCommandComplete(const std::string& tag);
  void SendReadyForQuery();
  void SendNotices();
  void SendParameterStatus(const std::string& name, const std::string& value);
  void SendReportedSettings();
  Status Flush();
  // Ends the implicit transaction (simple Query, Sync) and reports a failed commit.
  void EndImplicitTransaction();
  // After DEALLOCATE ALL / DISCARD ALL: named statements of the protocol go as well.
  void DropStatementsIfDeallocated();

  Instance* instance_;
  Connection conn_;
  MessageWriter out_;
  std::unique_ptr<SqlSession> sql_;
  int32_t pid_ = 0;
  int32_t secret_ = 0;
  // Extended protocol state.
  std::map<std::string, std::unique_ptr<Prepared>> statements_;
  struct PortalEntry {
    std::unique_ptr<Portal> portal;
    std::vector<int16_t> result_formats;
  };
  std::map<std::string, PortalEntry> portals_;
  bool skip_until_sync_ = false;
};

void ProtocolSession::Run() {
  bool proceed = false;
  Status st = Startup(&proceed);
  if (!st.ok()) {
    if (!st.Is(sqlstate::kConnectionFailure)) {
      st.mutable_info().severity = "FATAL";
      SendError(st);
      (void)Flush();
    }
    return;
  }
  if (!proceed) return;
  pid_ = instance_->NextSessionId();
  std::random_device rd;
  secret_ = static_cast<int32_t>(rd());
  sql_->SetBackendPid(pid_);
  instance_->RegisterSession(
      {pid_, secret_, sql_->interrupt().cancel_flag(), sql_->database_oid()});
  st = Loop();
  instance_->UnregisterSession(pid_);
  if (!st.ok() && !st.Is(sqlstate::kConnectionFailure)) {
    st.mutable_info().severity = "FATAL";
    SendError(st);
    (void)Flush();
  }
  portals_.clear();
  statements_.clear();
  sql_.reset();  // rolls back an open transaction
}

Status ProtocolSession::Startup(bool* proceed) {
  // A client that connects and says nothing must not hold a session thread forever
  // (PostgreSQL's authentication_timeout).
  timeval tv{60, 0};
  setsockopt(conn_.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  for (;;) {
    std::string body;
    ZJ_RETURN_IF_ERROR(conn_.ReadStartup(&body));
    MessageReader r(body);
    ZJ_ASSIGN_OR_RETURN(int32_t code, r.Int32());
    if (code == kSslRequest || code == kGssRequest) {
      ZJ_RETURN_IF_ERROR(conn_.Write("N"));  // no TLS yet: the client continues in clear text
      continue;
    }
    if (code == kCancelRequest) {
      ZJ_ASSIGN_OR_RETURN(int32_t pid, r.Int32());
      ZJ_ASSIGN_OR_RETURN(int32_t secret, r.Int32());
      instance_->Cancel(pid, secret);
      return Status::OK();
    }
    if ((code >> 16) != 3) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "unsupported frontend protocol " + std::to_string(code >> 16) + "." +
                               std::to_string(code & 0xffff) +
                               ": server supports 3.0 to 3.0");
    }
    std::string user, database;
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<std::string> unsupported;  // _pq_ protocol options
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(std::string_view name, r.CString());
      if (name.empty()) break;
      ZJ_ASSIGN_OR_RETURN(std::string_view value, r.CString());
      if (name == "user") {
        user = value;
      } else if (name == "database") {
        database = value;
      } else if (name.rfind("_pq_.", 0) == 0) {
        unsupported.emplace_back(name);
      } else {
        options.emplace_back(std::string(name), std::string(value));
      }
    }
    if ((code & 0xffff) != 0 || !unsupported.empty()) {
      // A newer 3.x client: tell it we speak 3.0 and which options we ignored.
      out_.Begin('v');
      out_.Int32(0);
      out_.Int32(static_cast<int32_t>(unsupported.size()));
      for (const auto& o : unsupported) out_.CString(o);
      out_.End();
    }
    if (user.empty()) {
      return Status::Error(sqlstate::kInvalidAuthorizationSpecification,
                           "no PostgreSQL user name specified in startup packet");
    }
    if (database.empty()) database = user;
    if (instance_->shutting_down()) {
      return Status::Error(sqlstate::kCannotConnectNow, "the database system is shutting down");
    }
    int max_connections = std::atoi(instance_->settings()->Get("max_connections").c_str());
    if (max_connections > 0 && instance_->active_sessions() > max_connections) {
      return Status::Error(sqlstate::kTooManyConnections, "sorry, too many clients already");
    }
    sql_ = std::make_unique<SqlSession>(instance_, user, database);
    ZJ_RETURN_IF_ERROR(sql_->Init(options));
    timeval none{0, 0};
    setsockopt(conn_.fd(), SOL_SOCKET, SO_RCVTIMEO, &none, sizeof none);
    // Authentication: trust for now. SCRAM-SHA-256 slots in here as an exchange of
    // AuthenticationSASL messages before AuthenticationOk.
    out_.Begin('R');
    out_.Int32(0);
    out_.End();
    for (auto& [name, value] : sql_->InitialReportedSettings()) SendParameterStatus(name, value);
    *proceed = true;
    return Status::OK();
  }
}

Status ProtocolSession::WaitInTransaction() {
  int64_t timeout_ms = sql_->IdleInTransactionTimeoutMs();
  if (timeout_ms <= 0) return Status::OK();
  pollfd p{conn_.fd(), POLLIN, 0};
  int n;
  do {
    n = poll(&p, 1, static_cast<int>(std::min<int64_t>(timeout_ms, INT32_MAX)));
  } while (n < 0 && errno == EINTR);
  if (n == 0) {
    log::Info("terminating session " + std::to_string(pid_) + ": idle in transaction for " +
              std::to_string(timeout_ms) + " ms");
    return Status::Error(sqlstate::kIdleInTransactionSessionTimeout,
                         "terminating connection due to idle-in-transaction timeout");
  }
  return Status::OK();
}

Status ProtocolSession::Loop() {
  // The BackendKeyData goes out once the session id is known.
  out_.Begin('K');
  out_.Int32(pid_);
  out_.Int32(secret_);
  out_.End();
  SendReadyForQuery();
  for (;;) {
    // 1. Flush what is pending unless the client already pipelined more input; inside a
    //    transaction, wait for the client no longer than idle_in_transaction_session_timeout.
    if (!conn_.HasBufferedInput()) {
      ZJ_RETURN_IF_ERROR(Flush());
      if (sql_->txn_state() != TxnState::kIdle) ZJ_RETURN_IF_ERROR(WaitInTransaction());
    }
    // 2. Read the next message; its type and length are checked before the body is read.
    char type;
    bool eof;
    std::string body;
    Status st = conn_.ReadMessage(&type, &body, &eof);
    if (!st.ok()) return eof ? Status::OK() : st;
    if (instance_->shutting_down() && sql_->txn_state() == TxnState::kIdle) {
      return Status::Error(sqlstate::kAdminShutdown,
                           "terminating connection due to administrator command");
    }
    // 3. After an error in the extended protocol, skip everything up to Sync.
    if (skip_until_sync_ && type != 'S' && type != 'X') continue;
    sql_->interrupt().ClearCancel();
    // 4. Dispatch. A statement error aborts only that statement (and the block).
    try {
      switch (type) {
        case 'Q': st = HandleQuery(body); break;
        case 'P': st = HandleParse(body); break;
        case 'B': st = HandleBind(body); break;
        case 'D': st = HandleDescribe(body); break;
        case 'E': st = HandleExecute(body); break;
        case 'C': st = HandleClose(body); break;
        case 'H': st = Flush(); break;
        case 'S':
          skip_until_sync_ = false;
          EndImplicitTransaction();
          SendReadyForQuery();
          st = Status::OK();
          break;
        case 'F':
          st = Status::NotSupported("the function call protocol message is not supported");
          break;
        case 'X': return Status::OK();
        case 'd':
        case 'c':
        case 'f': st = Status::OK(); break;  // stray COPY messages after an error: ignored
        default:
          return ProtocolViolation("invalid frontend message type " +
                                   std::to_string(static_cast<int>(static_cast<unsigned char>(type))));
      }
    } catch (const std::bad_alloc&) {
      st = Status::Error(sqlstate::kOutOfMemory, "out of memory");
    } catch (const std::exception& e) {
      st = Status::Internal(std::string("unexpected exception: ") + e.what());
    }
    if (!st.ok()) {
      if (st.Is(sqlstate::kConnectionFailure)) return st;
      sql_->OnError();
      SendNotices();
      SendError(st);
      if (type == 'Q') {
        EndImplicitTransaction();
        SendReadyForQuery();
      } else {
        skip_until_sync_ = true;
      }
    }
  }
}

Status ProtocolSession::HandleQuery(std::string_view body) {
  MessageReader r(body);
  ZJ_ASSIGN_OR_RETURN(std::string_view sql, r.CString());
  portals_.erase("");  // a simple query destroys the unnamed portal and statement
  statements_.erase("");
  ZJ_ASSIGN_OR_RETURN(auto prepared, sql_->PrepareAll(sql));
  if (prepared.empty()) {
    out_.Begin('I');
    out_.End();
  }
  DataRowSink sink(&out_, &conn_, &sql_->format_options());
  for (auto& p : prepared) {
    ZJ_ASSIGN_OR_RETURN(auto portal, sql_->Bind(*p, {}));
    if (portal->returns_rows()) SendRowDescription(portal->columns(), {});
    bool suspended = false;
    ZJ_RETURN_IF_ERROR(RunPortal(portal.get(), 0, &sink, &suspended));
  }
  Status st = sql_->EndImplicitTransaction();
  if (!st.ok()) return st;
  SendReadyForQuery();
  return Status::OK();
}

Status ProtocolSession::RunPortal(Portal* portal, int64_t max_rows, DataRowSink* sink,
                                  bool* suspended) {
  ProtocolCopyChannel copy(&out_, &conn_);
  Result<RunResult> rr = sql_->Run(portal, max_rows, sink, &copy);
  DropStatementsIfDeallocated();
  if (!rr.ok()) {
    copy.DrainAfterError();
    return rr.status();
  }
  SendNotices();
  SendReportedSettings();
  *suspended = rr->suspended;
  if (rr->empty) {
    out_.Begin('I');
    out_.End();
  } else if (rr->suspended) {
    out_.Begin('s');
    out_.End();
  } else {
    SendCommandComplete(rr->tag);
  }
  return Status::OK();
}

Status ProtocolSession::HandleParse(std::string_view body) {
  MessageReader r(body);
  ZJ_ASSIGN_OR_RETURN(std::string_view name, r.CString());
  ZJ_ASSIGN_OR_RETURN(std::string_view sql, r.CString());
  ZJ_ASSIGN_OR_RETURN(int16_t nparams, r.Int16());
  if (nparams < 0) return ProtocolViolation("invalid message format");
  std::vector<uint32_t> oids(static_cast<size_t>(nparams));
  for (auto& oid : oids) {
    ZJ_ASSIGN_OR_RETURN(int32_t v, r.Int32());
    oid = static_cast<uint32_t>(v);
  }
  ZJ_RETURN_IF_ERROR(r.ExpectEnd());
  if (!name.empty() && statements_.count(std::string(name))) {
    return Status::Error(sqlstate::kDuplicatePreparedStatement,
                         "prepared statement \"" + std::string(name) + "\" already exists");
  }
  ZJ_ASSIGN_OR_RETURN(auto prepared, sql_->PrepareOne(sql, oids));
  statements_[std::string(name)] = std::move(prepared);
  out_.Begin('1');
  out_.End();
  return Status::OK();
}

Status ProtocolSession::HandleBind(std::string_view body) {
  MessageReader r(body);
  ZJ_ASSIGN_OR_RETURN(std::string_view portal_name, r.CString());
  ZJ_ASSIGN_OR_RETURN(std::string_view stmt_name, r.CString());
  ZJ_ASSIGN_OR_RETURN(int16_t nformats, r.Int16());
  if (nformats < 0) return ProtocolViolation("invalid message format");
  std::vector<int16_t> formats(static_cast<size_t>(nformats));
  for (auto& f : formats) {
    ZJ_ASSIGN_OR_RETURN(f, r.Int16());
    if (f != 0 && f != 1) return ProtocolViolation("unsupported format code: " + std::to_string(f));
  }
  ZJ_ASSIGN_OR_RETURN(int16_t nparams, r.Int16());
  if (nparams < 0) return ProtocolViolation("invalid message format");
  auto it = statements_.find(std::string(stmt_name));
  if (it == statements_.end()) {
    return Status::Error(sqlstate::kInvalidSqlStatementName,
                         "prepared statement \"" + std::string(stmt_name) + "\" does not exist");
  }
  const Prepared& prepared = *it->second;
  if (static_cast<size_t>(nparams) != prepared.param_types().size()) {
    return ProtocolViolation("bind message supplies " + std::to_string(nparams) +
                             " parameters, but prepared statement \"" + std::string(stmt_name) +
                             "\" requires " + std::to_string(prepared.param_types().size()));
  }
  if (nformats > 1 && nformats != nparams) {
    return ProtocolViolation("bind message has " + std::to_string(nformats) +
                             " parameter formats but " + std::to_string(nparams) + " parameters");
  }
  std::vector<types::Value> params;
  params.reserve(static_cast<size_t>(nparams));
  for (int i = 0; i < nparams; ++i) {
    ZJ_ASSIGN_OR_RETURN(int32_t len, r.Int32());
    const types::LogicalType& t = prepared.param_types()[static_cast<size_t>(i)];
    if (len == -1) {
      params.push_back(types::Value::Null(t.id));
      continue;
    }
    if (len < 0) return ProtocolViolation("invalid message format");
    ZJ_ASSIGN_OR_RETURN(std::string_view data, r.Bytes(static_cast<size_t>(len)));
    int16_t fmt = nformats == 0 ? 0 : formats[nformats == 1 ? 0 : static_cast<size_t>(i)];
    Result<types::Value> v = sql_->DecodeParam(t, data, fmt);
    if (!v.ok()) {
      Status st = v.status();
      // Bytes left over after the value (as PostgreSQL's Bind reports them); the type's own
      // errors, such as an invalid numeric digit, stand as they are.
      if (fmt == 1 && st.Is(sqlstate::kInvalidBinaryRepresentation) &&
          st.message() == types::kIncorrectBinaryData) {
        st = Status::Error(sqlstate::kInvalidBinaryRepresentation,
                           "incorrect binary data format in bind parameter " +
                               std::to_string(i + 1));
      }
      return st;
    }
    params.push_back(std::move(*v));
  }
  ZJ_ASSIGN_OR_RETURN(int16_t nresult, r.Int16());
  if (nresult < 0) return ProtocolViolation("invalid message format");
  std::vector<int16_t> result_formats(static_cast<size_t>(nresult));
  for (auto& f : result_formats) {
    ZJ_ASSIGN_OR_RETURN(f, r.Int16());
    if (f != 0 && f != 1) return ProtocolViolation("unsupported format code: " + std::to_string(f));
  }
  ZJ_RETURN_IF_ERROR(r.ExpectEnd());
  if (nresult > 1 && static_cast<size_t>(nresult) != prepared.columns().size()) {
    return ProtocolViolation("bind message has " + std::to_string(nresult) +
                             " result formats but query has " +
                             std::to_string(prepared.columns().size()) + " columns");
  }
  if (!portal_name.empty() && portals_.count(std::string(portal_name))) {
    return Status::Error(sqlstate::kDuplicateCursor,
                         "portal \"" + std::string(portal_name) + "\" already exists");
  }
  ZJ_ASSIGN_OR_RETURN(auto portal, sql_->Bind(prepared, std::move(params)));
  portals_[std::string(portal_name)] = PortalEntry{std::move(portal), std::move(result_formats)};
  out_.Begin('2');
  out_.End();
  return Status::OK();
}

Status ProtocolSession::HandleDescribe(std::string_view body) {
  MessageReader r(body);
  ZJ_ASSIGN_OR_RETURN(char kind, r.Byte());
  ZJ_ASSIGN_OR_RETURN(std::string_view name, r.CString());
  ZJ_RETURN_IF_ERROR(r.ExpectEnd());
  if (kind == 'S') {
    auto it = statements_.find(std::string(name));
    if (it == statements_.end()) {
      return Status::Error(sqlstate::kInvalidSqlStatementName,
                           "prepared statement \"" + std::string(name) + "\" does not exist");
    }
    out_.Begin('t');
    out_.Int16(static_cast<int16_t>(it->second->param_types().size()));
    for (const auto& t : it->second->param_types()) out_.Int32(static_cast<int32_t>(t.PgOid()));
    out_.End();
    if (!it->second->returns_rows()) {
      out_.Begin('n');
      out_.End();
    } else {
      SendRowDescription(it->second->columns(), {});
    }
    return Status::OK();
  }
  if (kind == 'P') {
    auto it = portals_.find(std::string(name));
    if (it == portals_.end()) {
      return Status::Error(sqlstate::kInvalidCursorName,
                           "portal \"" + std::string(name) + "\" does not exist");
    }
    if (!it->second.portal->returns_rows()) {
      out_.Begin('n');
      out_.End();
    } else {
      SendRowDescription(it->second.portal->columns(), it->second.result_formats);
    }
    return Status::OK();
  }
  return ProtocolViolation("invalid DESCRIBE message subtype " + std::to_string(kind));
}

Status ProtocolSession::HandleExecute(std::string_view body) {
  MessageReader r(body);
  ZJ_ASSIGN_OR_RETURN(std::string_view name, r.CString());
  ZJ_ASSIGN_OR_RETURN(int32_t max_rows, r.Int32());
  ZJ_RETURN_IF_ERROR(r.ExpectEnd());
  auto it = portals_.find(std::string(name));
  if (it == portals_.end()) {
    return Status::Error(sqlstate::kInvalidCursorName,
                         "portal \"" + std::string(name) + "\" does not exist");
  }
  DataRowSink sink(&out_, &conn_, &sql_->format_options());
  sink.SetFormats(it->second.result_formats);
  bool suspended = false;
  Status st = RunPortal(it->second.portal.get(), max_rows < 0 ? 0 : max_rows, &sink, &suspended);
  if (st.Is(sqlstate::kInvalidCursorName)) {
    // A suspended portal whose transaction ended is gone, as in PostgreSQL.
    portals_.erase(it);
    return Status::Error(sqlstate::kInvalidCursorName,
                         "portal \"" + std::string(name) + "\" does not exist");
  }
  return st;
}

Status ProtocolSession::HandleClose(std::string_view body) {
  MessageReader r(body);
  ZJ_ASSIGN_OR_RETURN(char kind, r.Byte());
  ZJ_ASSIGN_OR_RETURN(std::string_view name, r.CString());
  ZJ_RETURN_IF_ERROR(r.ExpectEnd());
  if (kind == 'S') {
    statements_.erase(std::string(name));
  } else if (kind == 'P') {
    portals_.erase(std::string(name));
  } else {
    return ProtocolViolation("invalid CLOSE message subtype " + std::to_string(kind));
  }
  out_.Begin('3');
  out_.End();
  return Status::OK();
}

void ProtocolSession::SendRowDescription(const std::vector<exec::ResultColumn>& cols,
                                         const std::vector<int16_t>& formats) {
  out_.Begin('T');
  out_.Int16(static_cast<int16_t>(cols.size()));
  for (size_t i = 0; i < cols.size(); ++i) {
    const auto& c = cols[i];
    out_.CString(c.name);
    out_.Int32(static_cast<int32_t>(c.table_oid));
    out_.Int16(c.attnum);
    out_.Int32(static_cast<int32_t>(c.type.PgOid()));
    out_.Int16(c.type.PgTypLen());
    int32_t typmod = c.type.typmod;
    if (typmod >= 0) {
      // PostgreSQL reports varchar/char/numeric typmods with the 4-byte header added, and an
      // array's typmod is its elements'.
      types::TypeId base = c.type.id == types::TypeId::kArray ? c.type.elem : c.type.id;
      if (base == types::TypeId::kVarchar || base == types::TypeId::kChar ||
          base == types::TypeId::kNumeric) {
        typmod += 4;
      }
    }
    out_.Int32(typmod);
    int16_t fmt = 0;
    if (formats.size() == 1) fmt = formats[0];
    if (formats.size() > 1 && i < formats.size()) fmt = formats[i];
    out_.Int16(fmt);
  }
  out_.End();
}

void ProtocolSession::SendErrorOrNotice(char type, const ErrorInfo& e) {
  out_.Begin(type);
  out_.Byte('S');
  out_.CString(e.severity);
  out_.Byte('V');
  out_.CString(e.severity);
  out_.Byte('C');
  out_.CString(e.sqlstate);
  out_.Byte('M');
  out_.CString(e.message);
  const std::pair<char, const std::string*> optional[] = {
      {'D', &e.detail}, {'H', &e.hint}, {'W', &e.context}};
  for (const auto& [field, text] : optional) {
    if (text->empty()) continue;
    out_.Byte(field);
    out_.CString(*text);
  }
  if (e.position > 0) {
    out_.Byte('P');
    out_.CString(std::to_string(e.position));
  }
  out_.Byte('\0');
  out_.End();
}

void ProtocolSession::SendError(const Status& st) {
  SendErrorOrNotice('E', st.info());
  if (st.sqlstate() == sqlstate::kInternalError) log::Error("internal error: " + st.message());
}

void ProtocolSession::SendCommandComplete(const std::string& tag) {
  out_.Begin('C');
  out_.CString(tag);
  out_.End();
}

void ProtocolSession::EndImplicitTransaction() {
  Status st = sql_->EndImplicitTransaction();
  if (!st.ok()) {
    sql_->OnError();
    SendError(st);
  }
}

void ProtocolSession::DropStatementsIfDeallocated() {
  if (!sql_->TakeDeallocateAll()) return;
  for (auto it = statements_.begin(); it != statements_.end();) {
    it = it->first.empty() ? std::next(it) : statements_.erase(it);
  }
}

void ProtocolSession::SendNotices() {
  for (const ErrorInfo& e : sql_->TakeNotices()) SendErrorOrNotice('N', e);
}

void ProtocolSession::SendReadyForQuery() {
  SendNotices();
  SendReportedSettings();
  out_.Begin('Z');
  out_.Byte(static_cast<char>(sql_->txn_state()));
  out_.End();
}

void ProtocolSession::SendParameterStatus(const std::string& name, const std::string& value) {
  out_.Begin('S');
  out_.CString(name);
  out_.CString(value);
  out_.End();
}

void ProtocolSession::SendReportedSettings() {
  for (auto& [name, value] : sql_->TakeReportedSettings()) SendParameterStatus(name, value);
}

Status ProtocolSession::Flush() {
  if (out_.size() == 0) return Status::OK();
  Status st = conn_.Write(out_.buffer());
  out_.Clear();
  return st;
}

}  // namespace

void RunSession(Instance* instance, int fd) {
  try {
    ProtocolSession session(instance, fd);
    session.Run();
  } catch (const std::exception& e) {
    log::Error(std::string("session ended by exception: ") + e.what());
  }
}

}  // namespace zijin::server
