/*
 * reply.c - every canned reply text, byte for byte as nginx sends it
 * (src/mail/ngx_mail_imap_handler.c), keyed by protocol and code.
 * Tagged replies get "<tag> " (or "* ") in front in pt_session_reply().
 */
#include "core/session_int.h"

static const char *const pt_imap_replies[PT_R_COUNT] = {
	[PT_R_GREETING] = "* OK IMAP4 ready\r\n",
	[PT_R_OK] = "OK completed\r\n",
	[PT_R_INVALID] = "BAD invalid command\r\n",
	[PT_R_NEXT] = "+ OK\r\n",
	[PT_R_PLAIN_NEXT] = "+ \r\n",
	[PT_R_USERNAME] = "+ VXNlcm5hbWU6\r\n",     /* base64("Username:") */
	[PT_R_PASSWORD] = "+ UGFzc3dvcmQ6\r\n",     /* base64("Password:") */
	[PT_R_BYE] = "* BYE\r\n",
	[PT_R_INTERNAL] = "* BAD internal server error\r\n",
	[PT_R_CAPABILITY] = "* CAPABILITY",
	[PT_R_AUTH_FAILED] = "NO ",
};

const char *pt_reply_text(enum pt_core_proto proto, enum pt_reply code)
{
	const char *t = NULL;

	if ((unsigned)code >= PT_R_COUNT)
		return "";
	switch (proto) {
	case PT_CORE_IMAP:
		t = pt_imap_replies[code];
		break;
	case PT_CORE_POP3:
	case PT_CORE_SMTP:
	default:
		break;
	}
	return t ? t : "";
}
