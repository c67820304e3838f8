#!/usr/bin/python3
# Debian's interpreter on purpose: ci/install-deps.sh installs its
# python3-cryptography, which still signs with SHA-1 (the sha1-leaf and
# sha1-chain seeds need it); newer cryptography releases refuse SHA-1.
"""Deterministically rebuild the seeds of the certificate targets:
corpora/{x509_der,cert_chain_pem,tls_certificate_msg,sct_list,pkcs12}/.

Determinism: RSA keys come from primes found with a seeded PRNG, EC and
Ed25519 keys from fixed scalars/seeds, and signatures are RSA PKCS#1 v1.5 or
Ed25519 (both deterministic).  PKCS#12 files are DER-encoded here with fixed
salts and IVs (RFC 7292, RFC 8018), since library writers pick random ones.
The keys are throwaway test keys that exist only in these seeds.
Needs python3 with the `cryptography` package (Debian: python3-cryptography;
run it as ./corpora/gen_cert.py or /usr/bin/python3).
"""
import datetime
import hashlib
import hmac
import os
import random
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = os.path.dirname(os.path.abspath(__file__))


# ------------------------------------------------------------------ keys
def _is_prime(n, rng):
    if n < 4:
        return n in (2, 3)
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(24):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits, rng):
    while True:
        c = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_prime(c, rng):
            return c


def rsa_key(bits, seed):
    rng = random.Random(seed)
    e = 65537
    while True:
        p, q = _prime(bits // 2, rng), _prime(bits // 2, rng)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e:
            break
    d = pow(e, -1, phi)
    pub = rsa.RSAPublicNumbers(e, p * q)
    return rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), pub).private_key()


def ec_key(scalar, curve=ec.SECP256R1):
    return ec.derive_private_key(scalar, curve())


def ed_key(seed_byte):
    return ed25519.Ed25519PrivateKey.from_private_bytes(bytes([seed_byte]) * 32)


# ------------------------------------------------------------------ SCTs
def sct(log_byte, ts_ms=1777593600000, hash_alg=4, sig_alg=3, sig=b"\x30\x06\x02\x01\x01\x02\x01\x01", ext=b"",
        version=0):
    body = bytes([version]) + bytes([log_byte]) * 32 + struct.pack("!Q", ts_ms)
    body += struct.pack("!H", len(ext)) + ext + bytes([hash_alg, sig_alg]) + struct.pack("!H", len(sig)) + sig
    return body


def sct_list(*scts):
    lst = b"".join(struct.pack("!H", len(s)) + s for s in scts)
    return struct.pack("!H", len(lst)) + lst


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def octet(b):
    return tlv(0x04, b)


# ------------------------------------------------------------------ certificates
T0 = datetime.datetime(2026, 5, 1)
R0, R1 = datetime.datetime(2025, 1, 1), datetime.datetime(2035, 1, 1)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def cert(subject, issuer, pub, signer, serial, nb=T0, days=180, ca=False, san=("www.example.test",), ips=(),
         eku=(ExtendedKeyUsageOID.SERVER_AUTH,), ku="leaf", scts=None, md=hashes.SHA256()):
    b = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer)).public_key(pub)
         .serial_number(serial).not_valid_before(nb).not_valid_after(nb + datetime.timedelta(days=days)))
    b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    if ku == "leaf":
        b = b.add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), True)
    elif ku == "ca":
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), True)
    elif ku == "sig":
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), True)
    names = [x509.DNSName(s) for s in san] + [x509.IPAddress(__import__("ipaddress").ip_address(i)) for i in ips]
    if names:
        b = b.add_extension(x509.SubjectAlternativeName(names), critical=False)
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=False)
    if scts is not None:
        b = b.add_extension(x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"),
                                                       octet(scts)), critical=False)
    if isinstance(signer, ed25519.Ed25519PrivateKey):
        md = None
    return b.sign(signer, md)


def der(c):
    return c.public_bytes(serialization.Encoding.DER)


def pem(c):
    return c.public_bytes(serialization.Encoding.PEM)


def build():
    root_k = rsa_key(2048, 1)
    inter_k = rsa_key(2048, 2)
    leaf_k = rsa_key(2048, 3)
    weak_k = rsa_key(1024, 4)
    ec_leaf = ec_key(0x1234567)
    ec224 = ec_key(0x7654321, ec.SECP224R1)
    ed_root = ed_key(7)
    root = cert("Seed Root", "Seed Root", root_k.public_key(), root_k, 1, R0, 3652, ca=True, san=(), eku=(), ku="ca")
    inter = cert("Seed Intermediate", "Seed Root", inter_k.public_key(), root_k, 2, R0, 3652, ca=True, san=(), eku=(),
                 ku="ca")
    good = cert("www.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 3, san=(
        "www.example.test", "*.apps.example.test"), ips=("127.0.0.1", "::1"), scts=sct_list(sct(0xAA), sct(0xBB)))
    leaves = {
        "rsa-good": good,
        "ec-leaf": cert("ec.example.test", "Seed Intermediate", ec_leaf.public_key(), inter_k, 4, ku="sig"),
        "ec224-leaf": cert("ec224.example.test", "Seed Intermediate", ec224.public_key(), inter_k, 5),
        "rsa1024-leaf": cert("weak.example.test", "Seed Intermediate", weak_k.public_key(), inter_k, 6),
        "sha1-leaf": cert("sha1.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 7,
                          md=hashes.SHA1()),
        "no-san": cert("www.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 8, san=()),
        "no-eku": cert("www.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 9, eku=()),
        "v900-days": cert("long.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 10, days=900),
        "ct-one-sct": cert("ct.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 11, days=300,
                           scts=sct_list(sct(0xAA))),
        "ct-unknown-version": cert("ct.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 12,
                                   scts=sct_list(sct(0xAA), sct(0xCC, version=1))),
        "ed25519-root": cert("Ed Root", "Ed Root", ed_root.public_key(), ed_root, 13, R0, 3652, ca=True, san=(),
                             eku=(), ku="ca"),
        "root": root,
        "intermediate": inter,
        "client-eku": cert("client", "Seed Intermediate", leaf_k.public_key(), inter_k, 14,
                           eku=(ExtendedKeyUsageOID.CLIENT_AUTH,), san=("client.example.test",)),
        # Host-name corners (RFC 6125 6.4.3, issue 24): the wildcard shapes
        # a matcher must accept or refuse, each one edit away from another,
        # so the structure mutator's text op moves between them.  The
        # interesting SANs sit past the fourth, as a matcher that probes
        # only the first few would miss them.
        "wildcard-shapes": cert("www.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 15, san=(
            "www.example.test", "mail.example.test", "api.example.test", "cdn.example.test",
            "*.example.test", "w*.apps.example.test", "*w.apps.example.test", "a.*.example.test",
            "*.test", "xn--*.example.test", "*.xn--bcher-kva.example.test", "host.example.test.")),
        "wildcard-single-label": cert("*.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 16,
                                      san=("*.test", "*")),
        "wildcard-cn-only": cert("*.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 17, san=()),
        # dNSName wildcards OpenSSL's valid_star refuses: a label that starts or
        # ends with '-' (RFC 1034 3.5) and a trailing dot (RFC 5280 4.2.1.6);
        # found by the cert oracle in issue 24 (docs/oracles.md)
        "wildcard-ldh-edges": cert("www.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 19, san=(
            "www.example.test", "*.-.example.test", "*.apps.example-.test", "*.192.0.2.")),
        "ip-in-dnsname": cert("www.example.test", "Seed Intermediate", leaf_k.public_key(), inter_k, 18,
                              san=("192.0.2.1", "*.192.0.2.1", "www.example.test")),
    }
    return dict(root=root, inter=inter, good=good, leaves=leaves, leaf_k=leaf_k, root_k=root_k)


# ------------------------------------------------------------------ PKCS#12 (RFC 7292)
def oid(dotted):
    parts = [int(x) for x in dotted.split(".")]
    body = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        enc = [p & 0x7F]
        p >>= 7
        while p:
            enc.append(0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(reversed(enc))
    return tlv(0x06, body)


def seq(*xs):
    return tlv(0x30, b"".join(xs))


def integer(n):
    return tlv(0x02, n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big"))


def explicit(n, body):
    return tlv(0xA0 + n, body)


NULL = b"\x05\x00"
DATA = "1.2.840.113549.1.7.1"


def p12_kdf(password, salt, ident, iters, n):
    """RFC 7292 B.2 with SHA-256 (u = 32, v = 64)."""
    u, v = 32, 64
    pw = (password.encode("utf-16-be") + b"\0\0") if password is not None else b""
    d = bytes([ident]) * v
    s = (salt * ((v * ((len(salt) + v - 1) // v)) // len(salt) + 1))[:v * ((len(salt) + v - 1) // v)]
    p = (pw * ((v * ((len(pw) + v - 1) // v)) // max(1, len(pw)) + 1))[:v * ((len(pw) + v - 1) // v)] if pw else b""
    i = bytearray(s + p)
    out = b""
    while len(out) < n:
        a = hashlib.sha256(d + bytes(i)).digest()
        for _ in range(iters - 1):
            a = hashlib.sha256(a).digest()
        out += a
        b = int.from_bytes((a * ((v + u - 1) // u))[:v], "big")
        for j in range(0, len(i), v):
            x = (int.from_bytes(i[j:j + v], "big") + b + 1) % (1 << (8 * v))
            i[j:j + v] = x.to_bytes(v, "big")
    return out[:n]


def pbes2(password, salt, iv, iters, plain):
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iters, 32)
    pad = 16 - len(plain) % 16
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    ct = enc.update(plain + bytes([pad]) * pad) + enc.finalize()
    alg = seq(oid("1.2.840.113549.1.5.13"), seq(
        seq(oid("1.2.840.113549.1.5.12"), seq(octet(salt), integer(iters), seq(oid("1.2.840.113549.2.9"), NULL))),
        seq(oid("2.16.840.1.101.3.4.1.42"), octet(iv))))
    return alg, ct


def safebag(bag_oid, value):
    return seq(oid(bag_oid), explicit(0, value))


def certbag(c):
    return safebag("1.2.840.113549.1.12.10.1.3", seq(oid("1.2.840.113549.1.9.22.1"), explicit(0, octet(der(c)))))


def pkcs12(key, certs, password, iters=2048, mac=True):
    pk8 = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    certs_sc = seq(*[certbag(c) for c in certs])
    if password is None:
        key_sc = seq(safebag("1.2.840.113549.1.12.10.1.1", pk8))
        safes = [seq(oid(DATA), explicit(0, octet(certs_sc))), seq(oid(DATA), explicit(0, octet(key_sc)))]
    else:
        alg, ct = pbes2(password, b"S" * 16, b"I" * 16, iters, certs_sc)
        enc_data = seq(integer(0), seq(oid(DATA), alg, tlv(0x80, ct)))
        kalg, kct = pbes2(password, b"K" * 16, b"J" * 16, iters, pk8)
        key_sc = seq(safebag("1.2.840.113549.1.12.10.1.2", seq(kalg, octet(kct))))
        safes = [seq(oid("1.2.840.113549.1.7.6"), explicit(0, enc_data)), seq(oid(DATA), explicit(0, octet(key_sc)))]
    auth = seq(*safes)
    pfx = [integer(3), seq(oid(DATA), explicit(0, octet(auth)))]
    if mac:
        salt = b"M" * 16
        mk = p12_kdf(password or "", salt, 3, iters, 32)
        digest = hmac.new(mk, auth, hashlib.sha256).digest()
        pfx.append(seq(seq(seq(oid("2.16.840.1.101.3.4.2.1"), NULL), octet(digest)), octet(salt), integer(iters)))
    return seq(*pfx)


# ------------------------------------------------------------------ TLS Certificate messages
def u24(n):
    return struct.pack("!I", n)[1:]


def tls12(certs, header=True):
    lst = b"".join(u24(len(c)) + c for c in certs)
    body = u24(len(lst)) + lst
    return (b"\x0b" + u24(len(body)) + body) if header else body


def tls13(certs, header=True, ctx=b"", ext=b""):
    lst = b"".join(u24(len(c)) + c + struct.pack("!H", len(ext)) + ext for c in certs)
    body = bytes([len(ctx)]) + ctx + u24(len(lst)) + lst
    return (b"\x0b" + u24(len(body)) + body) if header else body


def write(target, files):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    for n, b in sorted(files.items()):
        with open(os.path.join(d, n), "wb") as fh:
            fh.write(b)


def main():
    k = build()
    leaves, root, inter, good = k["leaves"], k["root"], k["inter"], k["good"]
    write("x509_der", {n: der(c) for n, c in leaves.items()})
    chain = pem(good) + pem(inter) + pem(root)
    write("cert_chain_pem", {
        "full-chain": chain,
        "leaf-only": pem(good),
        "misordered": pem(good) + pem(root) + pem(inter),
        "with-comments": b"subject=CN=www.example.test\n" + pem(good) + b"\n# inter\n" + pem(inter),
        "untrusted-ec": pem(leaves["ec-leaf"]) + pem(inter),
        "ed25519-root": pem(leaves["ed25519-root"]),
        "sha1-chain": pem(leaves["sha1-leaf"]) + pem(inter) + pem(root),
        "bad-base64": b"-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n",
    })
    d_good, d_inter = der(good), der(inter)
    write("tls_certificate_msg", {
        "tls12": tls12([d_good, d_inter]),
        "tls12-noheader": tls12([d_good, d_inter], header=False),
        "tls13": tls13([d_good, d_inter]),
        "tls13-context-ext": tls13([d_good], ctx=b"\x01\x02", ext=b"\x00\x05\x00\x00"),
        "tls12-empty-list": tls12([]),
        "tls12-one-ec": tls12([der(leaves["ec-leaf"])]),
    })
    write("sct_list", {
        "two-ecdsa": sct_list(sct(0xAA), sct(0xBB)),
        "three-rsa": sct_list(sct(1, sig_alg=1), sct(2, sig_alg=1), sct(3, sig_alg=1)),
        "with-extension": sct_list(sct(0xAA, ext=b"\x00\x01\x02")),
        "unknown-version": sct_list(sct(0xAA), sct(0xCC, version=1)),
        "ext-value": octet(sct_list(sct(0xAA), sct(0xBB))),
        "ext-value-long": octet(sct_list(*[sct(i) for i in range(4)])),
        "same-log": sct_list(sct(0xAA), sct(0xAA, ts_ms=1)),
    })
    lk = k["leaf_k"]
    write("pkcs12", {
        "plain-nomac": pkcs12(lk, [good, inter], None, mac=False),
        "empty-password": pkcs12(lk, [good, inter], "", iters=4),
        "fixed-password": pkcs12(lk, [good, inter], "netfuzz", iters=16),
        "ec-identity": pkcs12(ec_key(0x1234567), [leaves["ec-leaf"]], "netfuzz", iters=1),
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
