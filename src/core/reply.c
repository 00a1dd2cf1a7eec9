/*
 * reply.c - every canned reply text, byte for byte as nginx sends it
 * (src/mail/ngx_mail_{imap,pop3,smtp}_handler.c), keyed by protocol and code.
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
	[PT_R_CERT_ERROR] = "* BYE SSL certificate error\r\n",
	[PT_R_NO_CERT] = "* BYE No required SSL certificate\r\n",
	/* postern's limits: RFC 9051 §7.1.5 BYE, RFC 5530 §3 [UNAVAILABLE] */
	[PT_R_LIMIT_CONN] = "* BYE Too many connections, try later\r\n",
	[PT_R_LIMIT_LOGIN] = "NO [UNAVAILABLE] Too many login attempts, try later\r\n",
	[PT_R_AUTH_FAILED] = "NO ",
	[PT_R_CRAM_NEXT] = "+ ",
	/* RFC 2971 §3.2 (postern extension: nginx answers ID with BAD); NIL
	 * so that no version reaches a stranger */
	[PT_R_ID] = "* ID NIL\r\n",
	[PT_R_ID_OK] = "OK ID completed\r\n",
};

/* src/mail/ngx_mail_pop3_handler.c */
static const char *const pt_pop3_replies[PT_R_COUNT] = {
	[PT_R_GREETING] = "+OK POP3 ready\r\n",
	[PT_R_GREETING_SALT] = "+OK POP3 ready ",
	[PT_R_OK] = "+OK\r\n",
	[PT_R_INVALID] = "-ERR invalid command\r\n",
	[PT_R_PLAIN_NEXT] = "+ \r\n",
	[PT_R_USERNAME] = "+ VXNlcm5hbWU6\r\n",
	[PT_R_PASSWORD] = "+ UGFzc3dvcmQ6\r\n",
	[PT_R_INTERNAL] = "-ERR internal server error\r\n",
	[PT_R_CAPABILITY] = "+OK Capability list follows\r\n",
	[PT_R_CERT_ERROR] = "-ERR SSL certificate error\r\n",
	[PT_R_NO_CERT] = "-ERR No required SSL certificate\r\n",
	/* postern's limits: RFC 3206 §4 [SYS/TEMP], a temporary failure */
	[PT_R_LIMIT_CONN] = "-ERR [SYS/TEMP] Too many connections, try later\r\n",
	[PT_R_LIMIT_LOGIN] = "-ERR [SYS/TEMP] Too many login attempts, try later\r\n",
	[PT_R_AUTH_FAILED] = "-ERR ",
	[PT_R_AUTH_METHODS] = "+OK methods supported:\r\n",
	[PT_R_CRAM_NEXT] = "+ ",
};

/* src/mail/ngx_mail_smtp_handler.c */
static const char *const pt_smtp_replies[PT_R_COUNT] = {
	[PT_R_GREETING] = "220 ",
	[PT_R_GREETING_END] = " ESMTP ready\r\n",
	[PT_R_OK] = "250 2.0.0 OK\r\n",
	[PT_R_INVALID] = "500 5.5.1 Invalid command\r\n",
	[PT_R_PLAIN_NEXT] = "334 \r\n",
	[PT_R_USERNAME] = "334 VXNlcm5hbWU6\r\n",
	[PT_R_PASSWORD] = "334 UGFzc3dvcmQ6\r\n",
	[PT_R_BYE] = "221 2.0.0 Bye\r\n",
	[PT_R_INTERNAL] = "451 4.3.2 Internal server error\r\n",
	[PT_R_AUTH_FAILED] = "535 5.7.0 ",
	[PT_R_STARTTLS] = "220 2.0.0 Start TLS\r\n",
	[PT_R_CERT_ERROR] = "421 4.7.1 SSL certificate error\r\n",
	[PT_R_NO_CERT] = "421 4.7.1 No required SSL certificate\r\n",
	/* postern's limits: RFC 5321 §3.8 421 then close; RFC 4954 §6 454 4.7.0
	 * "Temporary authentication failure" (RFC 3463 X.7.0: security) */
	[PT_R_LIMIT_CONN] = "421 4.7.0 Too many connections, try later\r\n",
	[PT_R_LIMIT_LOGIN] = "454 4.7.0 Too many login attempts, try later\r\n",
	[PT_R_PIPELINING] = "503 5.5.0 Improper use of SMTP command pipelining\r\n",
	[PT_R_INVALID_ARG] = "501 5.5.4 Invalid argument\r\n",
	[PT_R_AUTH_REQUIRED] = "530 5.7.1 Authentication required\r\n",
	[PT_R_BAD_SEQUENCE] = "503 5.5.1 Bad sequence of commands\r\n",
	[PT_R_AUTH_OK] = "235 2.0.0 OK\r\n",
	[PT_R_CRAM_NEXT] = "334 ",
};

/* ManageSieve (RFC 5804), a postern extension: nginx has no texts to
 * match, so these follow the RFC's examples.  Challenges are strings
 * (§2.1: PLAIN's empty one is ""); the capability list is sieve.c's. */
static const char *const pt_sieve_replies[PT_R_COUNT] = {
	[PT_R_GREETING] = "OK \"ManageSieve ready.\"\r\n",
	[PT_R_OK] = "OK \"Done.\"\r\n",
	[PT_R_INVALID] = "NO \"invalid command\"\r\n",
	[PT_R_PLAIN_NEXT] = "\"\"\r\n",
	[PT_R_USERNAME] = "\"VXNlcm5hbWU6\"\r\n",
	[PT_R_PASSWORD] = "\"UGFzc3dvcmQ6\"\r\n",
	[PT_R_BYE] = "OK \"Logout completed.\"\r\n",
	[PT_R_INTERNAL] = "BYE \"internal server error\"\r\n",
	[PT_R_CAPABILITY] = "\"IMPLEMENTATION\" \"postern\"\r\n",
	[PT_R_STARTTLS] = "OK \"Begin TLS negotiation now.\"\r\n",
	[PT_R_CERT_ERROR] = "BYE \"SSL certificate error\"\r\n",
	[PT_R_NO_CERT] = "BYE \"No required SSL certificate\"\r\n",
	[PT_R_AUTH_FAILED] = "NO ",
	/* §1.3: TRYLATER, "a temporary failure" the client may retry */
	[PT_R_LIMIT_CONN] = "BYE (TRYLATER) \"Too many connections, try later\"\r\n",
	[PT_R_LIMIT_LOGIN] = "NO (TRYLATER) \"Too many login attempts, try later\"\r\n",
	/* RFC 5804 §1.3: BYE says the server closes (texts as Dovecot's) */
	[PT_R_TIMEOUT] = "BYE \"Disconnected for inactivity.\"\r\n",
	[PT_R_MAX_ERRORS] = "BYE \"Too many invalid commands.\"\r\n",
	[PT_R_TOO_LONG] = "BYE \"Command too long.\"\r\n",
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
		t = pt_pop3_replies[code];
		break;
	case PT_CORE_SMTP:
		t = pt_smtp_replies[code];
		break;
	case PT_CORE_SIEVE:
		t = pt_sieve_replies[code];
		break;
	default:
		break;
	}
	return t ? t : "";
}
