#ifndef DOCKET_CGIT2_SHIM_H
#define DOCKET_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#include <git2/sys/stream.h>
/* zlib: git compresses every object it stores; DocketGit writes packs of its own (PackFile.swift). */
#include <zlib.h>

/* deflateInit is a macro, which Swift cannot call. */
static inline int docket_deflate_init(z_stream *stream, int level) {
    return deflateInit(stream, level);
}
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <unistd.h>

/*
 * Swaps what two paths name in one step (Linux renameat2 with RENAME_EXCHANGE): a case repository and its archive
 * trade places with no moment where the case is missing. glibc declares renameat2 only under _GNU_SOURCE, which
 * Swift's Glibc module is built without; the system call is the same.
 */
static inline int docket_rename_exchange(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2u /* RENAME_EXCHANGE */);
}

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per option we set. */
static inline int docket_git_set_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}
static inline int docket_git_set_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}
static inline int docket_git_set_mwindow_file_limit(size_t limit) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_FILE_LIMIT, limit);
}
static inline int docket_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}
/* Docket's repositories must not depend on the configuration of whoever runs the node. */
static inline int docket_git_clear_config_search_paths(void) {
    int levels[] = {
        GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA
    };
    for (unsigned i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        int error = git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], "");
        if (error < 0) return error;
    }
    return 0;
}

/*
 * A plain TCP stream for libgit2's HTTP transport that sets TCP_NODELAY. libgit2 1.5.1's own socket stream does
 * not: it writes a POST's headers and body separately, and the body then waits ~40 ms for the server's delayed ACK
 * before git upload-pack can answer — most of the time of every small fetch.
 */
typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int fd;
} docket_tcp_stream;

static int docket_tcp_connect(git_stream *stream) {
    docket_tcp_stream *s = (docket_tcp_stream *)stream;
    struct addrinfo hints, *info = NULL, *p;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int error = getaddrinfo(s->host, s->port, &hints, &info);
    if (error != 0) {
        git_error_set_str(GIT_ERROR_NET, gai_strerror(error));
        return -1;
    }
    int fd = -1;
    for (p = info; p != NULL; p = p->ai_next) {
        fd = socket(p->ai_family, p->ai_socktype | SOCK_CLOEXEC, p->ai_protocol);
        if (fd < 0) continue;
        if (connect(fd, p->ai_addr, p->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(info);
    if (fd < 0) {
        git_error_set_str(GIT_ERROR_NET, "failed to connect to the peer");
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    s->fd = fd;
    return 0;
}

static ssize_t docket_tcp_read(git_stream *stream, void *data, size_t len) {
    docket_tcp_stream *s = (docket_tcp_stream *)stream;
    ssize_t n;
    do { n = recv(s->fd, data, len, 0); } while (n < 0 && errno == EINTR);
    if (n < 0) git_error_set_str(GIT_ERROR_NET, "error receiving data from the peer");
    return n;
}

static ssize_t docket_tcp_write(git_stream *stream, const char *data, size_t len, int flags) {
    (void)flags;
    docket_tcp_stream *s = (docket_tcp_stream *)stream;
    ssize_t n;
    do { n = send(s->fd, data, len, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    if (n < 0) git_error_set_str(GIT_ERROR_NET, "error sending data to the peer");
    return n;
}

static int docket_tcp_close(git_stream *stream) {
    docket_tcp_stream *s = (docket_tcp_stream *)stream;
    if (s->fd >= 0) close(s->fd);
    s->fd = -1;
    return 0;
}

static void docket_tcp_free(git_stream *stream) {
    docket_tcp_stream *s = (docket_tcp_stream *)stream;
    if (s->fd >= 0) close(s->fd);
    free(s->host);
    free(s->port);
    free(s);
}

static int docket_tcp_init(git_stream **out, const char *host, const char *port) {
    docket_tcp_stream *s = calloc(1, sizeof *s);
    if (s == NULL) return -1;
    s->parent.version = GIT_STREAM_VERSION;
    s->parent.connect = docket_tcp_connect;
    s->parent.read = docket_tcp_read;
    s->parent.write = docket_tcp_write;
    s->parent.close = docket_tcp_close;
    s->parent.free = docket_tcp_free;
    s->host = strdup(host);
    s->port = strdup(port);
    s->fd = -1;
    *out = &s->parent;
    return 0;
}

/* Makes libgit2 use the stream above for plain (non-TLS) connections. */
static inline int docket_git_register_tcp_stream(void) {
    git_stream_registration registration;
    memset(&registration, 0, sizeof registration);
    registration.version = GIT_STREAM_VERSION;
    registration.init = docket_tcp_init;
    return git_stream_register(GIT_STREAM_STANDARD, &registration);
}
#endif
