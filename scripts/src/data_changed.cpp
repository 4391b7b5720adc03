// data-changed [FILE]: tells every handler process on this machine that the database changed
// behind their back (an UPDATE from scripts/flag, scripts/psql or a test), so that none of
// them sends an answer it computed before (shared/cache). FILE defaults to
// $MINITWIT_CHANGES_FILE; when it does not exist, no handler runs and there is nothing to tell.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include <sys/stat.h>

#include "shared/cache.hpp"

int main(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: data-changed [FILE]\n");
    return 2;
  }
  const char* env = std::getenv("MINITWIT_CHANGES_FILE");
  const std::string path = argc == 2 ? argv[1] : (env != nullptr ? env : "");
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return 0;
  try {
    mt::cache::bump_file(path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "data-changed: %s\n", e.what());
    return 1;
  }
  return 0;
}
