"""Several app hosts on one machine: network namespaces, each joined to this one by a veth
pair, so that each host has an address of its own and reaches the shared PostgreSQL and
Redis over the network, as separate machines behind a load balancer would.

PostgreSQL and Redis listen on 127.0.0.1 only (and PostgreSQL accepts only that address),
so a small TCP forwarder listens on each veth's address on this side and carries the
hosts' connections to them; the servers' configuration is left alone.
"""

import asyncio
import contextlib
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from ipaddress import IPv4Address
from pathlib import Path

# 10.213.0.0/16, one /30 per host: the test process's id picks two, so parallel runs get
# different names and addresses.
NETWORK = IPv4Address("10.213.0.0")


def ip(*arguments: str) -> None:
    subprocess.run(["ip", *arguments], check=True, capture_output=True, text=True)


def unavailable() -> str | None:
    """Why network namespaces cannot be made here, or None."""
    if shutil.which("ip") is None:
        return "needs the `ip` command (iproute2) for network namespaces"
    if os.geteuid() != 0:
        return "needs root to make network namespaces (CI runs as root)"
    probe = f"minga-probe-{os.getpid()}"
    try:
        ip("netns", "add", probe)
    except subprocess.CalledProcessError as error:
        return f"cannot make a network namespace: {error.stderr.strip()}"
    ip("netns", "delete", probe)
    return None


@dataclass
class Host:
    """A network namespace holding one app host. `gateway` is this side's address on its
    veth, where the forwarder listens; `address` is the host's own."""

    namespace: str
    link: str  # the veth's end on this side; deleting it deletes the pair
    address: str
    gateway: str

    @property
    def prefix(self) -> tuple[str, ...]:
        """Runs a command inside the host (`ip netns exec` execs it in its own place)."""
        return ("ip", "netns", "exec", self.namespace)


def host_of(pid: int, number: int) -> Host:
    """The names and addresses of host `number` (0 or 1) of the process `pid`."""
    assert number in (0, 1)
    block = int(NETWORK) + ((pid % 8192) * 2 + number) * 4
    return Host(namespace=f"minga-{pid}-{number}", link=f"mg{pid}h{number}",
                address=str(IPv4Address(block + 2)), gateway=str(IPv4Address(block + 1)))


def remove_stale_hosts() -> None:
    """Remove the hosts of test runs that were killed before they could clean up."""
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True,
                            check=False).stdout
    for pid, number in re.findall(r"^minga-(\d+)-(\d+)", listed, flags=re.MULTILINE):
        if not Path(f"/proc/{pid}").exists():
            remove_host(host_of(int(pid), int(number)))


def make_host(number: int) -> Host:
    """Make the namespace and veth pair of host `number` (0 or 1) of this process."""
    host = host_of(os.getpid(), number)
    remove_host(host)  # left by an earlier run of a process with the same id
    inside = f"mg{os.getpid()}n{number}"
    ip("netns", "add", host.namespace)
    try:
        ip("link", "add", host.link, "type", "veth", "peer", "name", inside,
           "netns", host.namespace)
        ip("addr", "add", f"{host.gateway}/30", "dev", host.link)
        ip("link", "set", host.link, "up")
        ip("-n", host.namespace, "addr", "add", f"{host.address}/30", "dev", inside)
        ip("-n", host.namespace, "link", "set", inside, "up")
        ip("-n", host.namespace, "link", "set", "lo", "up")
    except BaseException:
        remove_host(host)
        raise
    return host


def remove_host(host: Host) -> None:
    """Kill every process left in the host, then remove its veth pair and namespace."""
    listed = subprocess.run(["ip", "netns", "pids", host.namespace], capture_output=True,
                            text=True, check=False)
    for pid in listed.stdout.split():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), 9)
    for command in (("link", "delete", host.link), ("netns", "delete", host.namespace)):
        with contextlib.suppress(subprocess.CalledProcessError):
            ip(*command)


class Forwarder:
    """TCP forwarding from listening addresses to 127.0.0.1 ports, on an asyncio loop in a
    thread of its own. Closing either side of a connection closes the other."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.servers = []

    def listen(self, host: str, target_port: int) -> int:
        """Forward connections to `host` (a free port) to 127.0.0.1:`target_port`."""
        async def start():
            return await asyncio.start_server(
                lambda reader, writer: self._carry(reader, writer, target_port), host, 0)

        server = asyncio.run_coroutine_threadsafe(start(), self.loop).result(timeout=10)
        self.servers.append(server)
        return server.sockets[0].getsockname()[1]

    async def _carry(self, reader, writer, target_port: int) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                "127.0.0.1", target_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pipe(reader, upstream_writer),
                             self._pipe(upstream_reader, writer))

    @staticmethod
    async def _pipe(reader, writer) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()

    def close(self) -> None:
        async def stop():
            for server in self.servers:
                server.close()
            for task in asyncio.all_tasks() - {asyncio.current_task()}:
                task.cancel()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()
