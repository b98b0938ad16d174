// DDL: CREATE TABLE / INDEX / SEQUENCE / VIEW / SCHEMA / DATABASE, DROP, ALTER TABLE.
#include "parser/parser_internal.h"

namespace zijin::parser {

namespace {

// Parses an expression and keeps its source text (DEFAULT and CHECK are stored as text).
Status ParseExprWithText(Parser* p, ExprPtr* expr, std::string* text, bool b_expr) {
  int begin = p->Loc();
  // A b_expr (DEFAULT) may not contain bare AND/OR/NOT... PostgreSQL restricts it; we parse a
  // full expression except that a following constraint keyword ends it.
  auto e = b_expr ? p->ParseExprPrec(5) : p->ParseExpr();
  if (!e.ok()) return e.status();
  *expr = std::move(*e);
  size_t last = p->pos() - 1;
  *text = std::string(p->TextBetween(begin, p->toks_[last].end));
  return Status::OK();
}

}  // namespace

Status Parser::ParseColumnConstraints(ColumnDef* col) {
  for (;;) {
    ConstraintDef c;
    c.location = Loc();
    if (AcceptKeyword("constraint")) {
      ZJ_ASSIGN_OR_RETURN(c.name, ParseIdent());
    }
    if (AcceptKeyword("not")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("null"));
      c.kind = ConstraintDef::Kind::kNotNull;
    } else if (AcceptKeyword("null")) {
      c.kind = ConstraintDef::Kind::kNull;
    } else if (AcceptKeyword("default")) {
      c.kind = ConstraintDef::Kind::kDefault;
      ZJ_RETURN_IF_ERROR(ParseExprWithText(this, &c.expr, &c.expr_text, true));
    } else if (AcceptKeyword("primary")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("key"));
      c.kind = ConstraintDef::Kind::kPrimaryKey;
    } else if (AcceptKeyword("unique")) {
      c.kind = ConstraintDef::Kind::kUnique;
    } else if (AcceptKeyword("check")) {
      c.kind = ConstraintDef::Kind::kCheck;
      ZJ_RETURN_IF_ERROR(ExpectOp("("));
      ZJ_RETURN_IF_ERROR(ParseExprWithText(this, &c.expr, &c.expr_text, false));
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    } else if (AcceptKeyword("references")) {
      c.kind = ConstraintDef::Kind::kForeignKey;
      ZJ_RETURN_IF_ERROR(ParseReferences(&c));
    } else if (AcceptKeyword("collate")) {
      ZJ_RETURN_IF_ERROR(ParseQualifiedName().status());
      continue;
    } else {
      if (!c.name.empty()) return SyntaxError();
      return Status::OK();
    }
    // USING INDEX TABLESPACE and WITH (...) after key constraints are accepted.
    if (AcceptKeyword("using")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("index"));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("tablespace"));
      ZJ_RETURN_IF_ERROR(ParseIdent().status());
    }
    ZJ_RETURN_IF_ERROR(ParseConstraintAttributes(&c));
    col->constraints.push_back(std::move(c));
  }
}

Result<ColumnDef> Parser::ParseColumnDef() {
  ColumnDef col;
  col.location = Loc();
  ZJ_ASSIGN_OR_RETURN(col.name, ParseIdent());
  ZJ_ASSIGN_OR_RETURN(col.type, ParseTypeName());
  ZJ_RETURN_IF_ERROR(ParseColumnConstraints(&col));
  return col;
}

Result<ConstraintDef> Parser::ParseTableConstraint() {
  ConstraintDef c;
  c.location = Loc();
  if (AcceptKeyword("constraint")) {
    ZJ_ASSIGN_OR_RETURN(c.name, ParseIdent());
  }
  if (AcceptKeyword("primary")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("key"));
    c.kind = ConstraintDef::Kind::kPrimaryKey;
  } else if (AcceptKeyword("unique")) {
    c.kind = ConstraintDef::Kind::kUnique;
  } else if (AcceptKeyword("check")) {
    c.kind = ConstraintDef::Kind::kCheck;
    ZJ_RETURN_IF_ERROR(ExpectOp("("));
    ZJ_RETURN_IF_ERROR(ParseExprWithText(this, &c.expr, &c.expr_text, false));
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    ZJ_RETURN_IF_ERROR(ParseConstraintAttributes(&c));
    return c;
  } else if (AcceptKeyword("foreign")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("key"));
    c.kind = ConstraintDef::Kind::kForeignKey;
    ZJ_RETURN_IF_ERROR(ExpectOp("("));
    ZJ_ASSIGN_OR_RETURN(c.columns, ParseNameList());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    ZJ_RETURN_IF_ERROR(ExpectKeyword("references"));
    ZJ_RETURN_IF_ERROR(ParseReferences(&c));
    ZJ_RETURN_IF_ERROR(ParseConstraintAttributes(&c));
    return c;
  } else {
    return SyntaxError();
  }
  ZJ_RETURN_IF_ERROR(ExpectOp("("));
  ZJ_ASSIGN_OR_RETURN(c.columns, ParseNameList());
  ZJ_RETURN_IF_ERROR(ExpectOp(")"));
  if (AcceptKeyword("include")) ZJ_RETURN_IF_ERROR(SkipParens());
  if (AcceptKeyword("with")) ZJ_RETURN_IF_ERROR(SkipParens());
  if (AcceptKeyword("using")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("index"));
    ZJ_RETURN_IF_ERROR(ExpectKeyword("tablespace"));
    ZJ_RETURN_IF_ERROR(ParseIdent().status());
  }
  ZJ_RETURN_IF_ERROR(ParseConstraintAttributes(&c));
  return c;
}

Status Parser::ParseReferences(ConstraintDef* c) {
  ZJ_ASSIGN_OR_RETURN(c->ref_table, ParseQualifiedName());
  if (AcceptOp("(")) {
    ZJ_ASSIGN_OR_RETURN(c->ref_columns, ParseNameList());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
  }
  if (AcceptKeyword("match")) {
    if (AcceptKeyword("full")) {
      c->match = 'f';
    } else if (IsKeyword("partial")) {
      return Status::NotSupported("MATCH PARTIAL not yet implemented")
          .WithPosition(CharPosition(toks_[pos_ - 1].begin));
    } else {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("simple"));
    }
  }
  bool saw_delete = false, saw_update = false;
  while (IsKeyword("on") && (IsKeyword("delete", 1) || IsKeyword("update", 1))) {
    int on_begin = Loc();
    ++pos_;
    bool on_delete = IsKeyword("delete");
    if ((on_delete && saw_delete) || (!on_delete && saw_update)) return SyntaxError();
    ++pos_;
    (on_delete ? saw_delete : saw_update) = true;
    char action;
    if (AcceptKeyword("no")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("action"));
      action = 'a';
    } else if (AcceptKeyword("restrict")) {
      action = 'r';
    } else if (AcceptKeyword("cascade")) {
      action = 'c';
    } else {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("set"));
      if (AcceptKeyword("null")) {
        action = 'n';
      } else {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("default"));
        action = 'd';
      }
      if (AcceptOp("(")) {
        if (!on_delete) {
          return Status::NotSupported(std::string("a column list with ") +
                                      (action == 'n' ? "SET NULL" : "SET DEFAULT") +
                                      " is only supported for ON DELETE actions")
              .WithPosition(CharPosition(on_begin));
        }
        ZJ_ASSIGN_OR_RETURN(c->delete_set_columns, ParseNameList());
        ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      }
    }
    (on_delete ? c->on_delete : c->on_update) = action;
  }
  return Status::OK();
}

Status Parser::ParseConstraintAttributes(ConstraintDef* c) {
  for (;;) {
    if (AcceptKeyword("deferrable")) {
      c->deferrable = true;
    } else if (IsKeyword("not") && IsKeyword("deferrable", 1)) {
      pos_ += 2;
      c->deferrable = false;
    } else if (IsKeyword("not") && IsKeyword("valid", 1)) {
      pos_ += 2;
      c->not_valid = true;
    } else if (AcceptKeyword("initially")) {
      if (AcceptKeyword("deferred")) {
        c->initially_deferred = true;
      } else {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("immediate"));
        c->initially_deferred = false;
      }
    } else {
      return Status::OK();
    }
  }
}

Result<std::unique_ptr<Statement>> Parser::ParseCreate() {
  bool or_replace = false;
  if (AcceptKeyword("or")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("replace"));
    or_replace = true;
  }
  bool temporary = AcceptKeyword("temp") || AcceptKeyword("temporary");
  if (!temporary) AcceptKeyword("unlogged");
  if (AcceptKeyword("table")) {
    auto s = std::make_unique<CreateTableStatement>();
    s->temporary = temporary;
    if (AcceptKeyword("if")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("not"));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
      s->if_not_exists = true;
    }
    ZJ_ASSIGN_OR_RETURN(s->name, ParseQualifiedName());
    if (AcceptKeyword("as")) {
      ZJ_ASSIGN_OR_RETURN(s->as_query, ParseQuery());
      return std::unique_ptr<Statement>(std::move(s));
    }
    ZJ_RETURN_IF_ERROR(ExpectOp("("));
    if (!AcceptOp(")")) {
      do {
        if (IsKeyword("constraint") || IsKeyword("primary") || IsKeyword("unique") ||
            IsKeyword("check") || IsKeyword("foreign")) {
          ZJ_ASSIGN_OR_RETURN(ConstraintDef c, ParseTableConstraint());
          s->constraints.push_back(std::move(c));
        } else {
          ZJ_ASSIGN_OR_RETURN(ColumnDef col, ParseColumnDef());
          s->columns.push_back(std::move(col));
        }
      } while (AcceptOp(","));
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
    // Storage options, tablespaces, partitioning clauses and ON COMMIT are accepted as written.
    for (;;) {
      if (AcceptKeyword("with")) {
        ZJ_RETURN_IF_ERROR(SkipParens());
      } else if (AcceptKeyword("tablespace")) {
        ZJ_RETURN_IF_ERROR(ParseIdent().status());
      } else if (AcceptKeyword("on")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("commit"));
        if (AcceptKeyword("preserve") || AcceptKeyword("delete")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("rows"));
        } else {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("drop"));
        }
      } else if (AcceptKeyword("without")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("oids"));
      } else {
        break;
      }
    }
    return std::unique_ptr<Statement>(std::move(s));
  }
  bool unique = AcceptKeyword("unique");
  if (AcceptKeyword("index")) {
    auto s = std::make_unique<CreateIndexStatement>();
    s->unique = unique;
    AcceptKeyword("concurrently");
    if (AcceptKeyword("if")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("not"));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
      s->if_not_exists = true;
    }
    if (!IsKeyword("on")) {
      ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("on"));
    AcceptKeyword("only");
    ZJ_ASSIGN_OR_RETURN(s->table, ParseQualifiedName());
    if (AcceptKeyword("using")) ZJ_RETURN_IF_ERROR(ParseIdent().status());
    ZJ_RETURN_IF_ERROR(ExpectOp("("));
    do {
      IndexElem e;
      if (AcceptOp("(")) {
        ZJ_ASSIGN_OR_RETURN(e.expr, ParseExpr());
        ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      } else {
        ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
        if (x->kind == ExprKind::kColumnRef && x->names.size() == 1 && !x->star) {
          e.column = x->names[0];
        } else {
          e.expr = std::move(x);
        }
      }
      if (AcceptKeyword("collate")) ZJ_RETURN_IF_ERROR(ParseQualifiedName().status());
      if (PeekIdent() && !IsKeyword("asc") && !IsKeyword("desc") && !IsKeyword("nulls")) {
        ++pos_;  // operator class
      }
      if (AcceptKeyword("desc")) {
        e.descending = true;
      } else {
        AcceptKeyword("asc");
      }
      if (AcceptKeyword("nulls")) {
        e.nulls = AcceptKeyword("first") ? 1 : 2;
        if (e.nulls == 2) ZJ_RETURN_IF_ERROR(ExpectKeyword("last"));
      }
      s->elems.push_back(std::move(e));
    } while (AcceptOp(","));
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    if (AcceptKeyword("include")) ZJ_RETURN_IF_ERROR(SkipParens());
    if (AcceptKeyword("with")) ZJ_RETURN_IF_ERROR(SkipParens());
    if (AcceptKeyword("tablespace")) ZJ_RETURN_IF_ERROR(ParseIdent().status());
    if (AcceptKeyword("where")) {
      ZJ_ASSIGN_OR_RETURN(s->where, ParseExpr());
    }
    return std::unique_ptr<Statement>(std::move(s));
  }
  if (unique) return SyntaxError();
  if (AcceptKeyword("sequence")) {
    auto s = std::make_unique<CreateSequenceStatement>();
    if (AcceptKeyword("if")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("not"));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
      s->if_not_exists = true;
    }
    ZJ_ASSIGN_OR_RETURN(s->name, ParseQualifiedName());
    for (;;) {
      if (AcceptKeyword("increment")) {
        AcceptKeyword("by");
        ZJ_ASSIGN_OR_RETURN(s->increment, ParseSignedInteger());
        s->has_increment = true;
      } else if (AcceptKeyword("minvalue")) {
        ZJ_ASSIGN_OR_RETURN(s->min, ParseSignedInteger());
        s->has_min = true;
      } else if (AcceptKeyword("maxvalue")) {
        ZJ_ASSIGN_OR_RETURN(s->max, ParseSignedInteger());
        s->has_max = true;
      } else if (AcceptKeyword("no")) {
        if (!AcceptKeyword("minvalue") && !AcceptKeyword("maxvalue")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("cycle"));
          s->cycle = false;
        }
      } else if (AcceptKeyword("start")) {
        AcceptKeyword("with");
        ZJ_ASSIGN_OR_RETURN(s->start, ParseSignedInteger());
        s->has_start = true;
      } else if (AcceptKeyword("cache")) {
        ZJ_ASSIGN_OR_RETURN(s->cache, ParseSignedInteger());
      } else if (AcceptKeyword("cycle")) {
        s->cycle = true;
      } else if (AcceptKeyword("as")) {
        ZJ_ASSIGN_OR_RETURN(s->type, ParseTypeName());
        s->has_type = true;
      } else if (AcceptKeyword("owned")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("by"));
        if (!AcceptKeyword("none")) {
          ZJ_ASSIGN_OR_RETURN(s->owned_by, ParseQualifiedName());
        }
      } else {
        break;
      }
    }
    return std::unique_ptr<Statement>(std::move(s));
  }
  if (AcceptKeyword("view")) {
    auto s = std::make_unique<CreateViewStatement>();
    s->or_replace = or_replace;
    ZJ_ASSIGN_OR_RETURN(s->name, ParseQualifiedName());
    if (AcceptOp("(")) {
      ZJ_ASSIGN_OR_RETURN(s->columns, ParseNameList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("as"));
    int begin = Loc();
    ZJ_ASSIGN_OR_RETURN(s->query, ParseQuery());
    s->query_text = std::string(TextBetween(begin, toks_[pos_ - 1].end));
    return std::unique_ptr<Statement>(std::move(s));
  }
  if (AcceptKeyword("schema")) {
    auto s = std::make_unique<CreateSchemaStatement>();
    if (AcceptKeyword("if")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("not"));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
      s->if_not_exists = true;
    }
    ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    if (AcceptKeyword("authorization")) ZJ_RETURN_IF_ERROR(ParseIdent().status());
    return std::unique_ptr<Statement>(std::move(s));
  }
  if (AcceptKeyword("database")) {
    auto s = std::make_unique<CreateDatabaseStatement>();
    ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    // WITH OWNER x ENCODING 'UTF8' TEMPLATE template0 ...: accepted as written.
    while (!AtEnd() && !(Peek().kind == TokenKind::kOp && Peek().text == ";")) ++pos_;
    return std::unique_ptr<Statement>(std::move(s));
  }
  return SyntaxError();
}

Result<std::unique_ptr<Statement>> Parser::ParseDrop() {
  auto s = std::make_unique<DropStatement>();
  using O = DropStatement::Object;
  if (AcceptKeyword("table")) {
    s->object = O::kTable;
  } else if (AcceptKeyword("index")) {
    s->object = O::kIndex;
    AcceptKeyword("concurrently");
  } else if (AcceptKeyword("view")) {
    s->object = O::kView;
  } else if (AcceptKeyword("sequence")) {
    s->object = O::kSequence;
  } else if (AcceptKeyword("schema")) {
    s->object = O::kSchema;
  } else if (AcceptKeyword("database")) {
    s->object = O::kDatabase;
  } else {
    return SyntaxError();
  }
  if (AcceptKeyword("if")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
    s->if_exists = true;
  }
  do {
    ZJ_ASSIGN_OR_RETURN(auto name, ParseQualifiedName());
    s->names.push_back(std::move(name));
  } while (AcceptOp(","));
  if (AcceptKeyword("cascade")) {
    s->cascade = true;
  } else {
    AcceptKeyword("restrict");
  }
  return std::unique_ptr<Statement>(std::move(s));
}

Result<std::unique_ptr<Statement>> Parser::ParseAlter() {
  if (AcceptKeyword("sequence") || AcceptKeyword("index") || AcceptKeyword("view")) {
    return Status::NotSupported("this ALTER statement is not supported yet")
        .WithPosition(CharPosition(toks_[pos_ - 1].begin));
  }
  ZJ_RETURN_IF_ERROR(ExpectKeyword("table"));
  auto s = std::make_unique<AlterTableStatement>();
  if (AcceptKeyword("if")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
    s->if_exists = true;
  }
  AcceptKeyword("only");
  ZJ_ASSIGN_OR_RETURN(s->table, ParseQualifiedName());
  using K = AlterAction::Kind;
  do {
    AlterAction a;
    if (AcceptKeyword("add")) {
      if (IsKeyword("constraint") || IsKeyword("primary") || IsKeyword("unique") ||
          IsKeyword("check") || IsKeyword("foreign")) {
        a.kind = K::kAddConstraint;
        ZJ_ASSIGN_OR_RETURN(a.constraint, ParseTableConstraint());
      } else {
        AcceptKeyword("column");
        a.kind = K::kAddColumn;
        if (AcceptKeyword("if")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("not"));
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
          a.if_not_exists = true;
        }
        ZJ_ASSIGN_OR_RETURN(a.column, ParseColumnDef());
      }
    } else if (AcceptKeyword("drop")) {
      if (AcceptKeyword("constraint")) {
        a.kind = K::kDropConstraint;
        if (AcceptKeyword("if")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
          a.if_exists = true;
        }
        ZJ_ASSIGN_OR_RETURN(a.name, ParseIdent());
      } else {
        AcceptKeyword("column");
        a.kind = K::kDropColumn;
        if (AcceptKeyword("if")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exists"));
          a.if_exists = true;
        }
        ZJ_ASSIGN_OR_RETURN(a.name, ParseIdent());
      }
      if (AcceptKeyword("cascade")) {
        a.cascade = true;
      } else {
        AcceptKeyword("restrict");
      }
    } else if (AcceptKeyword("rename")) {
      if (AcceptKeyword("to")) {
        a.kind = K::kRenameTable;
        ZJ_ASSIGN_OR_RETURN(a.new_name, ParseIdent());
      } else if (AcceptKeyword("constraint")) {
        return Status::NotSupported("RENAME CONSTRAINT is not supported yet");
      } else {
        AcceptKeyword("column");
        a.kind = K::kRenameColumn;
        ZJ_ASSIGN_OR_RETURN(a.name, ParseIdent());
        ZJ_RETURN_IF_ERROR(ExpectKeyword("to"));
        ZJ_ASSIGN_OR_RETURN(a.new_name, ParseIdent());
      }
    } else if (AcceptKeyword("alter")) {
      AcceptKeyword("column");
      ZJ_ASSIGN_OR_RETURN(a.name, ParseIdent());
      if (AcceptKeyword("set")) {
        if (AcceptKeyword("default")) {
          a.kind = K::kSetDefault;
          int begin = Loc();
          ZJ_ASSIGN_OR_RETURN(a.constraint.expr, ParseExpr());
          a.constraint.expr_text = std::string(TextBetween(begin, toks_[pos_ - 1].end));
        } else if (AcceptKeyword("not")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("null"));
          a.kind = K::kSetNotNull;
        } else if (AcceptKeyword("data")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("type"));
          a.kind = K::kAlterType;
          ZJ_ASSIGN_OR_RETURN(a.type, ParseTypeName());
        } else {
          return SyntaxError();
        }
      } else if (AcceptKeyword("drop")) {
        if (AcceptKeyword("default")) {
          a.kind = K::kDropDefault;
        } else {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("not"));
          ZJ_RETURN_IF_ERROR(ExpectKeyword("null"));
          a.kind = K::kDropNotNull;
        }
      } else if (AcceptKeyword("type")) {
        a.kind = K::kAlterType;
        ZJ_ASSIGN_OR_RETURN(a.type, ParseTypeName());
        if (AcceptKeyword("using")) ZJ_RETURN_IF_ERROR(ParseExpr().status());
      } else {
        return SyntaxError();
      }
    } else {
      return SyntaxError();
    }
    s->actions.push_back(std::move(a));
  } while (AcceptOp(","));
  return std::unique_ptr<Statement>(std::move(s));
}

}  // namespace zijin::parser
