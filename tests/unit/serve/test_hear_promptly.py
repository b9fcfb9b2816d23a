"""The microphone's packets reach the listener as they complete: the server's aiortc receiver, which holds
four audio packets before the first for smooth playback, is given a buffer that holds none (real aiortc
objects, real RTP packets)."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("aiortc")


def _packets(n: int) -> list:
    from aiortc.rtp import RtpPacket

    packets = [RtpPacket(payload_type=111, sequence_number=100 + i, timestamp=960 * i, payload=b"x") for i in range(n)]
    for packet in packets:
        packet._data = packet.payload  # what the receiver sets once it has depacketised one
    return packets


def _handed_on(buffer: object, packets: list) -> list[int | None]:
    """For each packet added: the RTP timestamp of the frame the buffer handed on, or None."""
    out: list[int | None] = []
    for packet in packets:
        _, frame = buffer.add(packet)  # type: ignore[attr-defined]
        out.append(None if frame is None else frame.timestamp)
    return out


def test_the_microphone_is_handed_on_one_packet_behind_not_four() -> None:
    from aiortc import RTCPeerConnection

    from avatar.serve.live_sessions import hear_promptly

    async def go() -> tuple[bool, list[int | None], list[int | None]]:
        pc = RTCPeerConnection()
        try:
            pc.addTransceiver("audio", direction="sendrecv")
            pc.addTransceiver("video", direction="sendonly")
            receiver = pc.getTransceivers()[0].receiver
            before = _handed_on(receiver._RTCRtpReceiver__jitter_buffer, _packets(8))
            done = hear_promptly(pc)
            after = _handed_on(receiver._RTCRtpReceiver__jitter_buffer, _packets(8))
            return done, before, after
        finally:
            await pc.close()

    done, before, after = asyncio.run(go())
    assert done
    # aiortc's own buffer: the first frame comes out when the fourth packet after it is in (80 ms later)
    assert before[:4] == [None] * 4 and before[4:] == [960 * i for i in range(4)], before
    # now each frame comes out as the next packet shows it complete (20 ms later)
    assert after[0] is None and after[1:] == [960 * i for i in range(7)], after
