/* notify.h: messages to patients: e-mail over SMTP and SMS through an HTTPS gateway, both
 * with libcurl. Configuration comes from the environment of `praxis serve`:
 *   PRAXIS_SMTP_URL   smtp://host:port or smtps://... (unset: e-mail is not configured)
 *   PRAXIS_SMTP_FROM  the sender address
 *   PRAXIS_SMTP_USER, PRAXIS_SMTP_PASSWORD  optional
 *   PRAXIS_SMS_URL    the gateway; it receives POST {"to": ..., "body": ...} as JSON
 *   PRAXIS_SMS_TOKEN  sent as "Authorization: Bearer <token>" (optional)
 * Errors name the transport's failure (curl's message or the gateway's status), never the
 * message or the address. */
#ifndef PRAXIS_NOTIFY_H
#define PRAXIS_NOTIFY_H

#include <stdbool.h>

#include "base/err.h"

bool notify_email_configured(void);
bool notify_sms_configured(void);
int notify_email(const char *to, const char *subject, const char *body, err *e);
int notify_sms(const char *to, const char *body, err *e);

#endif
