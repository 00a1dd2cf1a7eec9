/*
 * protos.c - the protocols built in: a session's ops by its protocol.
 * `make WITHOUT=pop3,smtp` leaves those protocols' grammars and code out
 * (as nginx's --without-mail_pop3_module does), so their ops are absent
 * here and the config refuses them (conf/directives_core.c).
 */
#include "core/session_int.h"

const struct pt_proto_ops *pt_proto_ops_of(enum pt_core_proto proto)
{
	switch (proto) {
#ifndef PT_WITHOUT_IMAP
	case PT_CORE_IMAP: return &pt_imap_ops;
#endif
#ifndef PT_WITHOUT_POP3
	case PT_CORE_POP3: return &pt_pop3_ops;
#endif
#ifndef PT_WITHOUT_SMTP
	case PT_CORE_SMTP: return &pt_smtp_ops;
#endif
	default: return NULL;
	}
}
