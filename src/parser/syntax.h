// The abstract syntax tree the parser produces: plain structs, no catalog knowledge.
// Every node carries `location`, the 0-based byte offset of its first token (-1 = none).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace zijin::parser {

struct SelectStmt;
struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// A type name: canonical lower case, multi-word names joined by one space ("double precision",
// "character varying", "timestamp with time zone"); qualified names keep the last part.
struct TypeName {
  std::string name;
  std::vector<int32_t> mods;
  bool is_array = false;
  int location = -1;
};

enum class ExprKind : uint8_t {
  kNull,
  kBool,        // bval
  kInteger,     // text holds the digits
  kNumeric,     // text holds the literal (1.5, 1e10)
  kString,      // text holds the value
  kColumnRef,   // names (a / t.a / s.t.a); star = t.* or *
  kParam,       // $n: ival
  kUnary,       // op args[0]: "-", "+", "NOT", and any other prefix operator ("@", "~", "|/")
  kBinary,      // args[0] op args[1]: arithmetic, comparison, "||", "AND", "OR", "~", ...
  kIsNull,      // args[0] IS [NOT] NULL
  kIsBool,      // args[0] IS [NOT] TRUE/FALSE/UNKNOWN: text = "true"/"false"/"unknown"
  kIsDistinct,  // args[0] IS [NOT] DISTINCT FROM args[1]
  kBetween,     // args[0] [NOT] BETWEEN [SYMMETRIC] args[1] AND args[2]
  kInList,      // args[0] [NOT] IN (args[1..])
  kLike,        // args[0] [NOT] LIKE/ILIKE args[1] [ESCAPE args[2]]; text = "like"/"ilike"
  kFunc,        // names(args) [DISTINCT] [*] [FILTER (WHERE filter)] [OVER (...)]
  kCase,        // CASE [arg] WHEN .. THEN .. [ELSE ..] END: see case_* fields
  kCast,        // CAST(args[0] AS type) / args[0]::type / type 'literal'
  kSubquery,    // (SELECT ...), EXISTS, IN (SELECT), op ANY/ALL (SELECT): sublink kind
  kRow,         // ROW(a, b) / (a, b)
  kArray,       // ARRAY[...]
  kDefault,     // DEFAULT in VALUES / SET
  kCollate,     // args[0] COLLATE text (kept, ignored)
  kSubscript,   // args[0][args[1]]
};

enum class SubLink : uint8_t { kScalar, kExists, kIn, kAny, kAll };

struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  int nulls = 0;  // 0 default, 1 NULLS FIRST, 2 NULLS LAST
};

// A window frame bound: UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING, UNBOUNDED
// FOLLOWING.
struct FrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  } kind = Kind::kCurrentRow;
  ExprPtr offset;  // kPreceding / kFollowing
  int location = -1;
};

struct WindowSpec {
  std::string ref;  // OVER w / OVER (w ...): a window named in the WINDOW clause
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  // The frame clause; mode kNone when absent (PostgreSQL's default frame).
  enum class FrameMode : uint8_t { kNone, kRows, kRange, kGroups } frame_mode = FrameMode::kNone;
  FrameBound frame_start, frame_end;
  int location = -1;
};

struct Expr {
  ExprKind kind;
  int location = -1;
  std::string text;                // literal text, operator, LIKE kind, COLLATE name
  std::vector<std::string> names;  // column ref / function name parts
  std::vector<ExprPtr> args;
  // kFunc: the name of each argument given in named notation (f(a => 1), f(a := 1)), "" for
  // positional ones; empty when every argument is positional. Named ones follow positional ones.
  std::vector<std::string> arg_names;
  int64_t ival = 0;            // $n
  bool bval = false;           // boolean literal
  bool negated = false;        // IS NOT, NOT IN, NOT LIKE, NOT BETWEEN, NOT DISTINCT
  bool star = false;           // t.* / count(*)
  bool distinct = false;       // f(DISTINCT x)
  bool symmetric = false;      // BETWEEN SYMMETRIC
  bool case_has_arg = false;   // CASE x WHEN ...: args[0] is x
  bool case_has_else = false;  // last arg is ELSE
  SubLink sublink = SubLink::kScalar;
  std::string sublink_op;  // op of ANY/ALL/IN ("=" for IN)
  std::shared_ptr<SelectStmt> subquery;
  TypeName type;                     // kCast
  ExprPtr filter;                    // aggregate FILTER (WHERE ...)
  std::vector<OrderItem> agg_order;  // f(x ORDER BY y): the order the aggregate sees its rows in
  std::unique_ptr<WindowSpec> over;  // window call

  Expr(ExprKind k, int loc) : kind(k), location(loc) {}
};

struct Target {
  ExprPtr expr;
  std::string alias;  // empty = none
  int location = -1;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross };

struct TableRef {
  enum class Kind : uint8_t { kTable, kSubquery, kJoin, kFunction } kind = Kind::kTable;
  int location = -1;
  std::vector<std::string> name;  // [schema,] table
  std::string alias;
  std::vector<std::string> column_aliases;
  std::shared_ptr<SelectStmt> subquery;
  bool lateral = false;
  ExprPtr function;  // kFunction: the call
  bool ordinality = false;  // kFunction: WITH ORDINALITY
  // kJoin
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  std::unique_ptr<TableRef> left, right;
  ExprPtr on;
  std::vector<std::string> using_columns;
};
using TableRefPtr = std::unique_ptr<TableRef>;

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  std::shared_ptr<SelectStmt> query;
  bool recursive = false;  // declared in WITH RECURSIVE: its body may refer to itself
  int location = -1;
};

// A query: a simple SELECT, VALUES, or a set operation of two queries.
struct SelectStmt {
  enum class Op : uint8_t { kSimple, kValues, kUnion, kIntersect, kExcept } op = Op::kSimple;
  int location = -1;
  bool set_all = false;
  std::shared_ptr<SelectStmt> left, right;   // set operations
  std::vector<std::vector<ExprPtr>> values;  // kValues
  std::vector<CommonTableExpr> with;
  bool distinct = false;
  std::vector<ExprPtr> distinct_on;
  std::vector<Target> targets;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  std::vector<std::pair<std::string, std::shared_ptr<WindowSpec>>> windows;  // WINDOW w AS (...)
  std::vector<OrderItem> order_by;
  ExprPtr limit, offset;
  bool for_update = false;
  // FOR UPDATE ... NOWAIT / SKIP LOCKED: what to do with a row another transaction locked.
  enum class LockWait : uint8_t { kBlock, kNoWait, kSkipLocked } lock_wait = LockWait::kBlock;
};

enum class StmtKind : uint8_t {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateIndex,
  kCreateSequence,
  kCreateView,
  kCreateSchema,
  kCreateDatabase,
  kDrop,
  kAlterTable,
  kTruncate,
  kTransaction,
  kSet,
  kShow,
  kExplain,
  kCopy,
  kPrepare,
  kExecute,
  kDeallocate,
  kDeclareCursor,
  kFetch,  // FETCH and MOVE
  kCloseCursor,
  kDiscard,
  kNoOp,  // ANALYZE, VACUUM, CHECKPOINT, LISTEN ...: accepted (tag in `tag`)
  kLock,
};

struct Statement {
  explicit Statement(StmtKind k) : kind(k) {}
  virtual ~Statement() = default;
  StmtKind kind;
  int location = -1;
};

struct SelectStatement : Statement {
  SelectStatement() : Statement(StmtKind::kSelect) {}
  std::shared_ptr<SelectStmt> query;
};

struct OnConflictClause {
  int location = -1;                 // of ON CONFLICT
  std::vector<std::string> columns;  // conflict target columns
  std::string constraint;            // ON CONSTRAINT name
  bool do_update = false;
  std::vector<std::pair<std::string, ExprPtr>> set;
  ExprPtr where;
};

struct InsertStatement : Statement {
  InsertStatement() : Statement(StmtKind::kInsert) {}
  std::vector<std::string> table;
  int table_location = -1;
  std::string alias;
  std::vector<std::string> columns;
  std::vector<int> column_locations;
  std::shared_ptr<SelectStmt> query;  // VALUES or SELECT; null = DEFAULT VALUES
  std::unique_ptr<OnConflictClause> on_conflict;
  std::vector<Target> returning;
};

struct UpdateStatement : Statement {
  UpdateStatement() : Statement(StmtKind::kUpdate) {}
  std::vector<std::string> table;
  int table_location = -1;
  std::string alias;
  std::vector<std::pair<std::string, ExprPtr>> set;  // column = expr (multi-column SET expanded)
  std::vector<int> set_locations;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<Target> returning;
};

struct DeleteStatement : Statement {
  DeleteStatement() : Statement(StmtKind::kDelete) {}
  std::vector<std::string> table;
  int table_location = -1;
  std::string alias;
  std::vector<TableRefPtr> using_;
  ExprPtr where;
  std::vector<Target> returning;
};

struct ConstraintDef {
  enum class Kind : uint8_t {
    kNotNull,
    kNull,
    kDefault,
    kPrimaryKey,
    kUnique,
    kCheck,
    kForeignKey
  };
  Kind kind;
  std::string name;
  std::vector<std::string> columns;  // table constraints
  ExprPtr expr;                      // DEFAULT / CHECK
  std::string expr_text;             // the source text of DEFAULT / CHECK
  std::vector<std::string> ref_table;
  std::vector<std::string> ref_columns;
  // FOREIGN KEY: ON DELETE / ON UPDATE actions as pg_constraint letters ('a' NO ACTION,
  // 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT), MATCH ('s' SIMPLE, 'f' FULL).
  char on_delete = 'a';
  char on_update = 'a';
  char match = 's';
  std::vector<std::string> delete_set_columns;  // ON DELETE SET NULL (a, b)
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;
  int location = -1;
};

struct ColumnDef {
  std::string name;
  TypeName type;
  std::vector<ConstraintDef> constraints;
  int location = -1;
};

struct CreateTableStatement : Statement {
  CreateTableStatement() : Statement(StmtKind::kCreateTable) {}
  std::vector<std::string> name;
  bool if_not_exists = false;
  bool temporary = false;
  std::vector<ColumnDef> columns;
  std::vector<ConstraintDef> constraints;
  std::shared_ptr<SelectStmt> as_query;  // CREATE TABLE ... AS
};

struct IndexElem {
  std::string column;  // empty when expr is used
  ExprPtr expr;
  bool descending = false;
  int nulls = 0;
};

struct CreateIndexStatement : Statement {
  CreateIndexStatement() : Statement(StmtKind::kCreateIndex) {}
  std::string name;
  std::vector<std::string> table;
  bool unique = false;
  bool if_not_exists = false;
  std::vector<IndexElem> elems;
  ExprPtr where;
};

struct CreateSequenceStatement : Statement {
  CreateSequenceStatement() : Statement(StmtKind::kCreateSequence) {}
  std::vector<std::string> name;
  bool if_not_exists = false;
  bool has_increment = false, has_min = false, has_max = false, has_start = false;
  int64_t increment = 1, min = 0, max = 0, start = 0, cache = 1;
  bool cycle = false;
  std::vector<std::string> owned_by;
  bool has_type = false;  // AS data_type
  TypeName type;
};

struct CreateViewStatement : Statement {
  CreateViewStatement() : Statement(StmtKind::kCreateView) {}
  std::vector<std::string> name;
  bool or_replace = false;
  std::vector<std::string> columns;
  std::shared_ptr<SelectStmt> query;
  std::string query_text;
};

struct CreateSchemaStatement : Statement {
  CreateSchemaStatement() : Statement(StmtKind::kCreateSchema) {}
  std::string name;
  bool if_not_exists = false;
};

struct CreateDatabaseStatement : Statement {
  CreateDatabaseStatement() : Statement(StmtKind::kCreateDatabase) {}
  std::string name;
};

struct DropStatement : Statement {
  DropStatement() : Statement(StmtKind::kDrop) {}
  enum class Object : uint8_t { kTable, kIndex, kView, kSequence, kSchema, kDatabase } object;
  std::vector<std::vector<std::string>> names;
  bool if_exists = false;
  bool cascade = false;
};

struct AlterAction {
  enum class Kind : uint8_t {
    kAddColumn,
    kDropColumn,
    kRenameColumn,
    kRenameTable,
    kAddConstraint,
    kDropConstraint,
    kSetDefault,
    kDropDefault,
    kSetNotNull,
    kDropNotNull,
    kAlterType,
  } kind;
  ColumnDef column;            // kAddColumn
  std::string name, new_name;  // column or constraint names
  ConstraintDef constraint;    // kAddConstraint, kSetDefault (expr)
  TypeName type;               // kAlterType
  bool if_exists = false, if_not_exists = false, cascade = false;
};

struct AlterTableStatement : Statement {
  AlterTableStatement() : Statement(StmtKind::kAlterTable) {}
  std::vector<std::string> table;
  bool if_exists = false;
  std::vector<AlterAction> actions;
};

struct TruncateStatement : Statement {
  TruncateStatement() : Statement(StmtKind::kTruncate) {}
  std::vector<std::vector<std::string>> tables;
  bool restart_identity = false;
  bool cascade = false;
};

struct TransactionStatement : Statement {
  TransactionStatement() : Statement(StmtKind::kTransaction) {}
  enum class Op : uint8_t {
    kBegin,
    kCommit,
    kRollback,
    kSavepoint,
    kRelease,
    kRollbackTo,
    kSetTransaction,
    kSetSessionCharacteristics,
  } op;
  std::string isolation;  // "read committed" ...; empty = unchanged
  int read_only = -1;     // -1 unchanged, 0 READ WRITE, 1 READ ONLY
  std::string savepoint;
  bool start = false;  // START TRANSACTION (vs BEGIN), for the tag
  bool end = false;    // END (vs COMMIT), ABORT (vs ROLLBACK)
  bool chain = false;  // COMMIT / ROLLBACK AND CHAIN: a new block with the same modes
};

struct SetStatement : Statement {
  SetStatement() : Statement(StmtKind::kSet) {}
  std::string name;                 // lower case; "time zone" maps to "timezone"
  std::vector<std::string> values;  // empty + is_default = DEFAULT
  bool is_default = false;
  bool reset = false;  // RESET name / RESET ALL (name = "all")
  bool local = false;
};

struct ShowStatement : Statement {
  ShowStatement() : Statement(StmtKind::kShow) {}
  std::string name;  // "all" for SHOW ALL
};

struct ExplainStatement : Statement {
  ExplainStatement() : Statement(StmtKind::kExplain) {}
  bool analyze = false;
  bool verbose = false;
  bool timing = true;  // ANALYZE: time each node
  int summary = -1;    // planning and execution times: -1 = with ANALYZE
  std::unique_ptr<Statement> stmt;
};

struct CopyStatement : Statement {
  CopyStatement() : Statement(StmtKind::kCopy) {}
  std::vector<std::string> table;
  std::vector<std::string> columns;
  std::shared_ptr<SelectStmt> query;  // COPY (query) TO
  bool from = true;                   // FROM STDIN vs TO STDOUT
  bool csv = false, binary = false, header = false, freeze = false;
  std::string delimiter, null_string, quote, escape;
  bool has_delimiter = false, has_null = false, has_quote = false, has_escape = false;
};

struct PrepareStatement : Statement {
  PrepareStatement() : Statement(StmtKind::kPrepare) {}
  std::string name;
  std::vector<TypeName> types;
  std::unique_ptr<Statement> stmt;
  std::string stmt_text;
};

struct ExecuteStatement : Statement {
  ExecuteStatement() : Statement(StmtKind::kExecute) {}
  std::string name;
  std::vector<ExprPtr> args;
};

struct DeallocateStatement : Statement {
  DeallocateStatement() : Statement(StmtKind::kDeallocate) {}
  std::string name;  // empty = ALL
};

// DECLARE name [BINARY] [NO SCROLL | SCROLL] CURSOR [WITH[OUT] HOLD] FOR query.
struct DeclareCursorStatement : Statement {
  DeclareCursorStatement() : Statement(StmtKind::kDeclareCursor) {}
  std::string name;
  bool binary = false, scroll = false, hold = false;
  std::unique_ptr<Statement> query;
};

// FETCH / MOVE [direction] [FROM | IN] name. Directions that move backward or to an absolute
// position keep their keyword in `direction` ("backward", "prior", "absolute", ...).
struct FetchStatement : Statement {
  FetchStatement() : Statement(StmtKind::kFetch) {}
  std::string name;
  bool move = false;
  std::string direction;  // empty: forward
  int64_t count = 1;      // forward rows; -1 = ALL
  int count_location = -1;
};

// CLOSE name | ALL.
struct CloseCursorStatement : Statement {
  CloseCursorStatement() : Statement(StmtKind::kCloseCursor) {}
  std::string name;  // empty = ALL
};

struct DiscardStatement : Statement {
  DiscardStatement() : Statement(StmtKind::kDiscard) {}
  enum class What : uint8_t { kAll, kPlans, kSequences, kTemp } what = What::kAll;
};

// LOCK [TABLE] [ONLY] name [*] [, ...] [IN mode MODE] [NOWAIT]
struct LockStatement : Statement {
  LockStatement() : Statement(StmtKind::kLock) {}
  struct Target {
    std::vector<std::string> name;
    int location = -1;
  };
  std::vector<Target> tables;
  // PostgreSQL's numbering: 1 ACCESS SHARE, 2 ROW SHARE, 3 ROW EXCLUSIVE, 4 SHARE UPDATE
  // EXCLUSIVE, 5 SHARE, 6 SHARE ROW EXCLUSIVE, 7 EXCLUSIVE, 8 ACCESS EXCLUSIVE (the default).
  int mode = 8;
  bool nowait = false;
};

struct NoOpStatement : Statement {
  NoOpStatement() : Statement(StmtKind::kNoOp) {}
  std::string tag;  // "ANALYZE", "VACUUM", "CHECKPOINT", "LISTEN"
  // ANALYZE and VACUUM: the tables named (none = all), each with optional columns.
  struct Target {
    std::vector<std::string> name;
    std::vector<std::string> columns;
    int location = -1;
  };
  std::vector<Target> tables;
};

}  // namespace zijin::parser
