// librime (Debian librime-dev) for Swift. RIME_STRUCT is a macro that sets data_size; these helpers zero a struct
// and set it, so Swift never fills the size in by hand. DocketInput is the only Swift that imports this module.
#ifndef DOCKET_CRIME_SHIM_H
#define DOCKET_CRIME_SHIM_H

#include <string.h>
#include <rime_api.h>

static inline RimeTraits docket_rime_traits(void) { RIME_STRUCT(RimeTraits, t); return t; }
static inline RimeContext docket_rime_context(void) { RIME_STRUCT(RimeContext, c); return c; }
static inline RimeCommit docket_rime_commit(void) { RIME_STRUCT(RimeCommit, c); return c; }
static inline RimeStatus docket_rime_status(void) { RIME_STRUCT(RimeStatus, s); return s; }

#endif
