// shared/context: the per-process state a handler may use, owned by fcgi::serve.
#pragma once

#include "shared/config.hpp"
#include "shared/db.hpp"

namespace mt {

struct Context {
  const config::Config& config;
  db::Db db;  // this process's connection; reset by serve after the database went away
};

}  // namespace mt
