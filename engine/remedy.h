/* Remediation as text: from a checked checklist, exactly what to run or do to fix the
 * node (Microsoft KB Q263029), in one of six forms:
 *
 *   dnscmd      Windows DNS server: `dnscmd SERVER /RecordAdd ZONE NAME A IP` lines
 *   powershell  Windows DNS server: Add-DnsServerResourceRecordA lines
 *   nt4         Windows NT 4.0 DNS (no dynamic updates): numbered DNS Manager steps, and
 *               the lines for the zone's file under %SystemRoot%\System32\Dns
 *   zone        BIND: the zone file lines, the SOA serial and `rndc reload`
 *   nsupdate    a script for nsupdate (RFC 2136), with each server's port
 *   netsh       the node's DNS server order: the DNS tab steps and netsh lines
 *
 * The fix is always the last check's (rules_fix): the record forms take its records to add
 * or correct, grouped by server in the order they first appear; netsh takes its new order
 * for the node. A correction deletes every record of the name and type on that server,
 * then adds the right one (the wrong addresses are not needed, and a name the KB needs
 * holds exactly one address).
 *
 * Every value is validated again before any text is made (the zone and record names by
 * names_zone and names_netbios, addresses by names_resource_ip and names_server_ip, the
 * connection name by remedy_interface), so a hand-edited checklist cannot put a shell or
 * command metacharacter into a generated command; it is refused with a diag naming the
 * field, and its JSON path in d->where ("checks[1].exchange.ip").
 *
 * Commands stay English (they are commands). Comments and steps are N_() msgids passed
 * through the caller's translate function, so the engine never calls gettext and the same
 * call gives the English text for files and the translated one for people. A translated
 * text is still kept inside its comment: it is split into commented lines, control
 * characters become '?', and in cmd.exe comments (dnscmd, netsh) the characters cmd acts
 * on even in a REM line (% ^ & | < > !) become '?' too. */
#ifndef CLUSTERDNS_ENGINE_REMEDY_H
#define CLUSTERDNS_ENGINE_REMEDY_H

#include "checklist.h"
#include "diag.h"

enum remedy_form {
    REMEDY_DNSCMD,
    REMEDY_POWERSHELL,
    REMEDY_NT4,
    REMEDY_ZONE,
    REMEDY_NSUPDATE,
    REMEDY_NETSH,
    REMEDY_FORM_COUNT
};

#define REMEDY_INTERFACE_DEFAULT "Local Area Connection"
#define REMEDY_INTERFACE_MAX 255 /* octets of a Windows connection name */
#define REMEDY_TTL 3600          /* of the records an nsupdate script adds */

/* Returns the translation of an N_() msgid (gettext for people); NULL means English. */
typedef const char *(*remedy_tr_fn)(const char *msgid);

struct remedy_opts {
    /* netsh: the node's connection; NULL or "": the adapter the node's servers were read
     * from when they all name one, else REMEDY_INTERFACE_DEFAULT. */
    const char *interface;
    remedy_tr_fn tr;
    /* The record forms for this server alone, without the note on the order (apply's
     * script); NULL: every server. */
    const struct dns_server *only;
};

/* "dnscmd", "powershell", "nt4", "zone", "nsupdate", "netsh"; parse returns -1 when
 * unknown. */
const char *remedy_form_name(enum remedy_form f);
int remedy_form_parse(const char *name);

/* A Windows connection name netsh can be given in double quotes: 1 to 255 octets of
 * UTF-8 without control characters and without " ' ` $ % ^ & | < > ! (which cmd.exe or
 * PowerShell would act on). CD_EINVAL with d naming the field ("interface"). */
int remedy_interface(const char *name, struct cd_diag *d);

/* Writes the text of form for cl into *out (malloc'ed, NUL-terminated; free() it), every
 * line ending in "\n". cl's last check must have finished. When
 * there is nothing to do, the text is one comment line that says so (and, for a record
 * form, a second one when the order must still change). o may be NULL.
 * Returns CD_OK; CD_EINVAL (*out NULL, d names the field and the rule) for a value that
 * breaks a rule, an unchecked checklist or an unknown form; CD_ENOMEM. */
int remedy_emit(const struct checklist *cl, enum remedy_form form, const struct remedy_opts *o,
                char **out, struct cd_diag *d);

/* The same text saved to path by fileio_write (fileio.h): atomically, never through a
 * symbolic link, nothing but a regular file replaced, a new file mode 0600. CD_OK, or
 * remedy_emit's codes, or CD_EIO with d naming the file and the cause. */
int remedy_write(const struct checklist *cl, enum remedy_form form, const struct remedy_opts *o,
                 const char *path, struct cd_diag *d);

#endif
