/* Invalid usage that memvk refuses loudly.
 *
 * The spec leaves the behaviour of invalid API usage undefined; where memvk
 * can tell, it aborts with a message that names the rule, so that a CI run
 * shows the bug instead of a crash far away. */
#pragma once

#include <stdbool.h>
#include <stdnoreturn.h>

/* "VUID-<command>-commandBuffer-cmdpool" / "VUID-<command>-queuetype": the
 * command needs a queue type (graphics, compute, sparse binding...) that no
 * memvk queue family has. */
noreturn void memvk_abort_queue_type(const char *command, const char *needed_queue_types);

/* Any other rule: vuid is the spec's VUID, then a printf-style explanation. */
noreturn void memvk_abort_invalid_usage(const char *vuid, const char *format, ...)
   __attribute__((format(printf, 2, 3)));
