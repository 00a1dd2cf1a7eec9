/*
 * protos.c - the protocols built in: a session's ops by its protocol.
 * `make WITHOUT=pop3,smtp` leaves those protocols' grammars and code out
 * (as nginx's --without-mail_pop3_module does), so their ops are absent
 * here and the config refuses them (conf/directives_core.c).
 */
#include "core/session_int.h"
#include "util/built.h"

#if PT_BUILT_IMAP
#define PT_IMAP_OPS (&pt_imap_ops)
#else
#define PT_IMAP_OPS NULL
#endif
#if PT_BUILT_POP3
#define PT_POP3_OPS (&pt_pop3_ops)
#else
#define PT_POP3_OPS NULL
#endif
#if PT_BUILT_SMTP
#define PT_SMTP_OPS (&pt_smtp_ops)
#else
#define PT_SMTP_OPS NULL
#endif
#if PT_BUILT_SIEVE
#define PT_SIEVE_OPS (&pt_sieve_ops)
#else
#define PT_SIEVE_OPS NULL
#endif

static const struct pt_proto_ops *const pt_protos[] = {
	[PT_CORE_IMAP] = PT_IMAP_OPS,
	[PT_CORE_POP3] = PT_POP3_OPS,
	[PT_CORE_SMTP] = PT_SMTP_OPS,
	[PT_CORE_SIEVE] = PT_SIEVE_OPS,
};

const struct pt_proto_ops *pt_proto_ops_of(enum pt_core_proto proto)
{
	if ((unsigned)proto >= sizeof(pt_protos) / sizeof(pt_protos[0]))
		return NULL;
	return pt_protos[proto];
}
