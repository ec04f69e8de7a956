"""A frame counter painted on the shared screen and read back from the received pixels.

Layout (screen pixels, top-left of the screen): ``STAMP_RECT = (16, 16, 544, 32)``, a grid of
2 rows x 34 columns of 16x16 blocks, each block black or white. The grid sits on the 16-pixel
macroblock grid of VP8 and H.264, so every block is one flat macroblock of luma, the cheapest
and best preserved thing an encoder can be given.

Row 0, left to right::

    col 0       start marker, always white
    col 1..24   the counter (mod 2**24), most significant bit first; white = 1
    col 25..32  CRC-8 of the counter's 3 bytes (big-endian), polynomial 0x07, init 0
    col 33      end marker, always black

Row 1 is row 0 inverted, block for block. The decoder reads the mean luma of the central 6x6
pixels of each block and accepts the stamp only when every block is clearly black or white
(at least ``MARGIN`` away from 128), every column of row 1 is the inverse of row 0, both
markers are right and the CRC matches. A frame without a stamp, a stamp half old and half new,
or a block smeared by the encoder therefore reads as None, never as a wrong counter.
"""

from __future__ import annotations

import numpy as np

BLOCK = 16
COLUMNS = 34
ROWS = 2
DATA_BITS = 24
CHECK_BITS = 8
X0, Y0 = 16, 16
STAMP_RECT = (X0, Y0, COLUMNS * BLOCK, ROWS * BLOCK)
MODULUS = 1 << DATA_BITS

#: How far (in 8-bit luma) a block's centre must be from mid-grey to count as black or white.
MARGIN = 40
_SAMPLE = slice(BLOCK // 2 - 3, BLOCK // 2 + 3)  # the central 6 pixels of a block
# BT.601 luma of B, G, R (the order of BGRA/BGRX), pre-divided by the 36 pixels averaged.
_LUMA = np.array([0.114, 0.587, 0.299], dtype=np.float32) / 36
_WEIGHTS = 1 << np.arange(DATA_BITS + CHECK_BITS - 1, -1, -1, dtype=np.int64)


def _crc8_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
        table.append(crc)
    return table


_CRC8 = _crc8_table()


def crc8(value: int) -> int:
    """CRC-8 (poly 0x07, init 0) of a 24-bit value's three bytes, most significant first."""
    crc = 0
    for shift in (16, 8, 0):
        crc = _CRC8[crc ^ ((value >> shift) & 0xFF)]
    return crc


def _row_bits(counter: int) -> list[bool]:
    """Row 0's 34 blocks, white = True."""
    value = counter % MODULUS
    word = (value << CHECK_BITS) | crc8(value)
    data = [bool(word >> (DATA_BITS + CHECK_BITS - 1 - i) & 1) for i in range(32)]
    return [True, *data, False]


def blocks(counter: int) -> list[tuple[int, int, int, int, bool]]:
    """The rectangles ``(x, y, w, h, white)`` to paint, in screen pixels, for ``counter``.

    Paint all of them, opaque, on top of everything else in the stamp's rectangle."""
    row = _row_bits(counter)
    out = []
    for col, white in enumerate(row):
        x = X0 + col * BLOCK
        out.append((x, Y0, BLOCK, BLOCK, white))
        out.append((x, Y0 + BLOCK, BLOCK, BLOCK, not white))
    return out


def decode(bgra: np.ndarray) -> int | None:
    """The counter stamped on a full-screen H x W x 4 uint8 BGRA/BGRX frame, or None when the
    frame carries no intact stamp. Reads only the stamp's rectangle."""
    if bgra.ndim != 3 or not _fits(bgra.shape):
        return None
    sums = _block_sums(bgra[Y0 : Y0 + ROWS * BLOCK, X0 : X0 + COLUMNS * BLOCK], 4)
    return _read(sums[..., :3] @ _LUMA)


def decode_yuv(y_plane: np.ndarray) -> int | None:
    """As ``decode``, from a frame's H x W uint8 luma plane (limited or full range)."""
    if y_plane.ndim != 2 or not _fits(y_plane.shape):
        return None
    sums = _block_sums(y_plane[Y0 : Y0 + ROWS * BLOCK, X0 : X0 + COLUMNS * BLOCK], 1)
    return _read(sums / 36)


def _fits(shape: tuple[int, ...]) -> bool:
    return shape[0] >= Y0 + ROWS * BLOCK and shape[1] >= X0 + COLUMNS * BLOCK


def _block_sums(region: np.ndarray, channels: int) -> np.ndarray:
    """Per block and channel, the sum of the central 6x6 samples: ROWS x COLUMNS[ x channels].

    Summing the six sample rows first keeps numpy's inner loops long (a whole row of the
    stamp); reducing the 5-d block view directly costs ten times as much."""
    width = COLUMNS * BLOCK * channels
    band = region.reshape(ROWS, BLOCK, width)[:, _SAMPLE]
    rows = band.sum(axis=1, dtype=np.uint16).reshape(ROWS, COLUMNS, BLOCK, channels)
    sums: np.ndarray = rows[:, :, _SAMPLE].sum(axis=2, dtype=np.uint32)
    return sums if channels > 1 else sums[..., 0]


def _read(luma: np.ndarray) -> int | None:
    """The counter from the 2 x 34 mean lumas of the blocks' centres, or None."""
    white = luma > 128
    if not (np.abs(luma - 128) >= MARGIN).all():
        return None
    if (white[0] == white[1]).any() or not white[0, 0] or white[0, -1]:
        return None
    word = int(white[0, 1:-1] @ _WEIGHTS)
    value, check = word >> CHECK_BITS, word & 0xFF
    return value if crc8(value) == check else None
