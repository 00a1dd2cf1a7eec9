/*
 * built.h - the protocols this build holds.  `make WITHOUT=pop3,smtp`
 * defines PT_WITHOUT_POP3 and PT_WITHOUT_SMTP (likewise IMAP, SIEVE); PT_BUILT_<P> is 1 for each
 * protocol built in, 0 for one left out (conf refuses it, core has no ops).
 */
#ifndef PT_UTIL_BUILT_H
#define PT_UTIL_BUILT_H

#ifdef PT_WITHOUT_IMAP
#define PT_BUILT_IMAP 0
#else
#define PT_BUILT_IMAP 1
#endif
#ifdef PT_WITHOUT_POP3
#define PT_BUILT_POP3 0
#else
#define PT_BUILT_POP3 1
#endif
#ifdef PT_WITHOUT_SMTP
#define PT_BUILT_SMTP 0
#else
#define PT_BUILT_SMTP 1
#endif
#ifdef PT_WITHOUT_SIEVE
#define PT_BUILT_SIEVE 0
#else
#define PT_BUILT_SIEVE 1
#endif

#endif
