"""The frame buffer a live session owns and its face track reads: bounded, rewound, stale frames known."""

from __future__ import annotations

import asyncio

import numpy as np

from avatar.live.tracks import FrameBuffer


def test_a_rewind_drops_waiting_frames_from_its_index_and_marks_those_on_their_way_stale() -> None:
    dropped: list[int] = []

    async def scenario() -> None:
        frames = FrameBuffer(4, dropped.append)
        for k in range(4):
            await frames.put(frames.rewinds, k, np.full(1, k))
        assert frames.queue.full()  # bounded: a fifth would wait for the track
        on_its_way = await frames.get()  # frame 0, taken by the track before the rewind
        frames.rewind(2)
        assert [frames.queue.get_nowait()[1] for _ in range(frames.queue.qsize())] == [1]  # 2 and 3 dropped
        # what the track took before the rewind is stale from the rewind's index on, not before it
        assert not frames.stale(on_its_way[0], 1)
        assert frames.stale(on_its_way[0], 2) and frames.stale(on_its_way[0], 3)
        assert not frames.stale(frames.rewinds, 2)  # drawn again after the rewind: good
        await frames.put(frames.rewinds, 2, np.full(1, 2))
        assert (await frames.get())[1] == 2
        await frames.put(frames.rewinds, 3, np.full(1, 3))
        frames.clear()
        assert frames.empty()
        frames.on_drop(2)

    asyncio.run(scenario())
    assert dropped == [2]  # the session's counter, handed to the buffer
