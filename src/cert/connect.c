/* `netfuzz cert --connect HOST:PORT`: an OpenSSL client handshake that
 * records what the server sent (chain in order, version, suite, group),
 * like `nscurl --ats-diagnostics`.  Verification is off here on purpose:
 * the rules judge the chain afterwards.  Security level 0 so weak servers
 * (RSA-1024, SHA-1) can still be diagnosed.  Connect and handshake are
 * each bounded by timeout_ms. */
#include "netfuzz/cert.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

static int dial(const char *host, const char *port, int timeout_ms, char *peer, size_t peerlen,
		char *err, size_t errlen)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL, *ai;
	int rc = getaddrinfo(host, port, &hints, &res), fd = -1;

	if (rc) {
		snprintf(err, errlen, "cannot resolve %s: %s", host, gai_strerror(rc));
		return -1;
	}
	snprintf(err, errlen, "cannot connect to %s port %s", host, port);
	for (ai = res; ai && fd < 0; ai = ai->ai_next) {
		struct pollfd p;
		int soerr = 0;
		socklen_t sl = sizeof soerr;

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 && errno != EINPROGRESS)
			goto fail;
		p = (struct pollfd){.fd = fd, .events = POLLOUT};
		rc = poll(&p, 1, timeout_ms);
		if (rc == 0) {
			snprintf(err, errlen, "connect to %s port %s timed out after %d ms", host, port, timeout_ms);
			goto close;
		}
		if (rc < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0)
			goto fail;
		if (soerr) {
			errno = soerr;
			goto fail;
		}
		getnameinfo(ai->ai_addr, ai->ai_addrlen, peer, (socklen_t)peerlen, NULL, 0, NI_NUMERICHOST);
		snprintf(peer + strlen(peer), peerlen - strlen(peer), " port %s", port);
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		{
			struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};

			setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
			setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		}
		break;
	fail:
		snprintf(err, errlen, "cannot connect to %s port %s: %s", host, port, strerror(errno));
	close:
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

bool nf_cert_connect(const char *hostport, const char *servername, int timeout_ms,
		     struct nf_cert_chain *chain, struct nf_tls_session_info *tls,
		     struct nf_cipher_kx *cipher, char *err, size_t errlen)
{
	char host[256], port[16];
	const char *colon = strrchr(hostport, ':');
	SSL_CTX *ctx = NULL;
	SSL *ssl = NULL;
	int fd = -1;
	bool ok = false;
	uint8_t tmp[16];

	memset(tls, 0, sizeof *tls);
	if (!colon || colon == hostport || !colon[1] || (size_t)(colon - hostport) >= sizeof host ||
	    strlen(colon + 1) >= sizeof port) {
		snprintf(err, errlen, "--connect wants HOST:PORT, got '%s'", hostport);
		return false;
	}
	memcpy(host, hostport, (size_t)(colon - hostport));
	host[colon - hostport] = 0;
	if (host[0] == '[' && host[strlen(host) - 1] == ']') { /* [v6]:port */
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = 0;
	}
	snprintf(port, sizeof port, "%s", colon + 1);
	if (!servername && inet_pton(AF_INET, host, tmp) != 1 && inet_pton(AF_INET6, host, tmp) != 1)
		servername = host;
	fd = dial(host, port, timeout_ms, tls->peer, sizeof tls->peer, err, errlen);
	if (fd < 0)
		return false;
	err[0] = 0;
	ctx = SSL_CTX_new(TLS_client_method());
	if (!ctx)
		goto out;
	SSL_CTX_set_security_level(ctx, 0);
	SSL_CTX_set_min_proto_version(ctx, 0);
	SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0");
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	ssl = SSL_new(ctx);
	if (!ssl || !SSL_set_fd(ssl, fd))
		goto out;
	if (servername) {
		SSL_set_tlsext_host_name(ssl, servername);
		snprintf(tls->servername, sizeof tls->servername, "%s", servername);
	}
	ERR_clear_error();
	if (SSL_connect(ssl) != 1) {
		unsigned long e = ERR_get_error();

		snprintf(err, errlen, "TLS handshake with %s failed: %s", hostport,
			 e ? ERR_reason_error_string(e)
			   : (errno == EAGAIN || errno == EWOULDBLOCK) ? "timed out" : "connection closed by peer");
		goto out;
	}
	{
		STACK_OF(X509) *sent = SSL_get_peer_cert_chain(ssl); /* client side: leaf included */
		const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
		int g = SSL_get_negotiated_group(ssl);
		const char *gn = g ? SSL_group_to_name(ssl, g) : NULL;

		snprintf(tls->version, sizeof tls->version, "%s", SSL_get_version(ssl));
		snprintf(tls->cipher, sizeof tls->cipher, "%s", c ? SSL_CIPHER_standard_name(c) : "?");
		snprintf(tls->cipher_openssl, sizeof tls->cipher_openssl, "%s", c ? SSL_CIPHER_get_name(c) : "?");
		snprintf(tls->group, sizeof tls->group, "%s", gn ? gn : (g ? OBJ_nid2sn(g) : "none (RSA key transport)"));
		tls->have = true;
		if (c)
			nf_cipher_lookup(SSL_CIPHER_get_name(c), cipher);
		for (int i = 0; i < sk_X509_num(sent); i++) {
			X509 *x = sk_X509_value(sent, i);

			if (chain->n == NF_MAX_CERTS) {
				snprintf(err, errlen, "%s sent more than %d certificates", hostport, NF_MAX_CERTS);
				goto out;
			}
			X509_up_ref(x);
			chain->cert[chain->n] = x;
			snprintf(chain->origin[chain->n], sizeof chain->origin[0], "%.36s #%d", hostport, i);
			chain->n++;
		}
		if (chain->n == 0) {
			snprintf(err, errlen, "%s sent no certificate", hostport);
			goto out;
		}
	}
	SSL_shutdown(ssl);
	ok = true;
out:
	if (!ok && !err[0])
		snprintf(err, errlen, "TLS setup failed");
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	if (fd >= 0)
		close(fd);
	ERR_clear_error();
	return ok;
}
