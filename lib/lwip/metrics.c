/* TCP connections open now, counted in lwIP's list of active connections. */
#include <tessera/metrics.h>
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"

static uint64_t established(void)
{
	uint64_t n = 0;

	LOCK_TCPIP_CORE();
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		n += pcb->state == ESTABLISHED;
	UNLOCK_TCPIP_CORE();
	return n;
}
METRIC_READ(established, METRIC_GAUGE, "tessera_tcp_connections_established",
	    "TCP connections in the ESTABLISHED state", 0);
