"""PAdES signing of the minutes with a self-signed PKCS#12 made here, verified offline."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from judgebox.core.errors import PassphraseError
from judgebox.core.report.minutes import write_minutes
from judgebox.core.report.pdfsign import sign_pdf, verify_pdf_signature


@pytest.fixture
def p12(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ketua Dewan Juri SmartEco"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kota Bekasi")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    path = tmp_path / "ketua.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"ketua", key, cert, None, serialization.BestAvailableEncryption(b"rahasia-123")))
    pem = tmp_path / "ketua.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, pem


@pytest.fixture
def minutes(tmp_path, small_results):
    return write_minutes(small_results, tmp_path / "ba.pdf")


def test_sign_and_verify_intact(tmp_path, p12, minutes) -> None:
    key, cert = p12
    out = sign_pdf(minutes, tmp_path / "ba-signed.pdf", key, "rahasia-123", location="Bekasi")
    status = verify_pdf_signature(out)
    assert status.signed and status.intact and status.valid and status.whole_file
    assert status.ok
    assert "Ketua Dewan Juri SmartEco" in status.signer
    assert not status.trusted  # self-signed and not in the trust list
    trusted = verify_pdf_signature(out, trust=[cert])
    assert trusted.trusted and trusted.ok


def test_a_changed_byte_breaks_integrity(tmp_path, p12, minutes) -> None:
    key, _cert = p12
    out = sign_pdf(minutes, tmp_path / "ba-signed.pdf", key, b"rahasia-123")
    data = bytearray(out.read_bytes())
    # change one byte inside the page content (a digit of "Halaman 1 dari N")
    pos = data.find(b"Halaman")
    if pos < 0:  # content streams are compressed: flip a byte in the first stream instead
        pos = data.find(b"stream") + 20
    data[pos] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    status = verify_pdf_signature(tampered)
    assert status.signed
    assert not status.ok
    assert not status.intact
    assert "changed" in status.summary


def test_unsigned_pdf(minutes) -> None:
    status = verify_pdf_signature(minutes)
    assert not status.signed and not status.ok


def test_wrong_passphrase(tmp_path, p12, minutes) -> None:
    key, _cert = p12
    with pytest.raises(PassphraseError, match="ketua.p12"):
        sign_pdf(minutes, tmp_path / "x.pdf", key, "salah")
    assert not (tmp_path / "x.pdf").exists()
