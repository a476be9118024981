"""A private company CA, trusted for a moment by the whole machine (update-ca-certificates).

The CA lives two days and its key only in a temporary folder; it is removed from the system
store again however the test ends.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

SYSTEM_CA_DIR = Path("/usr/local/share/ca-certificates")


def make_company_ca(folder: Path) -> dict[str, Path]:
    """A CA (like a TLS-inspecting proxy's) and a 127.0.0.1 server certificate it signed."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    name = f"LlamaDesk Packaging Test CA {secrets.token_hex(4)}"
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        f"/CN={name}",
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    )
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    )
    return {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}


def _update_ca_certificates() -> None:
    assert shutil.which("update-ca-certificates"), (
        "update-ca-certificates is missing: apt-get install ca-certificates"
    )
    done = subprocess.run(
        ["update-ca-certificates"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@contextlib.contextmanager
def trusted_by_the_system(ca_pem: Path) -> Iterator[Path]:
    """The CA in the system trust store (/etc/ssl/certs) for the duration of the block."""
    SYSTEM_CA_DIR.mkdir(parents=True, exist_ok=True)
    installed = SYSTEM_CA_DIR / f"llamadesk-packaging-test-{secrets.token_hex(4)}.crt"
    shutil.copyfile(ca_pem, installed)
    try:
        _update_ca_certificates()
        yield installed
    finally:
        installed.unlink(missing_ok=True)
        _update_ca_certificates()  # removes its link and its copy in ca-certificates.crt
