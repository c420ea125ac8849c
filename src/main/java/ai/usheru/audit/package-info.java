/**
 * What happened: the admin audit log (written by {@code accounts.AuditTrail} beside each admin action)
 * read back for admins, and the log of every API call, buffered in memory and kept for a set number of days.
 */
package ai.usheru.audit;
