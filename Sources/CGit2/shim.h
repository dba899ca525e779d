#ifndef DOCKET_CGIT2_SHIM_H
#define DOCKET_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per option we set. */
static inline int docket_git_set_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}
static inline int docket_git_set_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}
static inline int docket_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}
/* Docket's repositories must not depend on the configuration of whoever runs the node. */
static inline int docket_git_clear_config_search_paths(void) {
    int levels[] = { GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA };
    for (unsigned i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        int error = git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], "");
        if (error < 0) return error;
    }
    return 0;
}
#endif
