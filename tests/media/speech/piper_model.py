"""A tiny Piper voice built with onnx.helper: Piper's inputs (`input`, `input_lengths`, `scales`, and `sid`
for a voice of several speakers) and its `output`, with a matching `.onnx.json`, so piper-tts's real loading
and synthesis code runs. Each phoneme id becomes 4 × length_scale × 64 samples of a tone whose loudness
follows the id: a faster speed is shorter."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

RATE = 22050
PERIOD = 64


def phoneme_id_map() -> dict[str, list[int]]:
    """Piper's default map, and the tone digits espeak-ng writes for Vietnamese."""
    ids = dict(DEFAULT_PHONEME_ID_MAP)
    following = max(i for v in ids.values() for i in v) + 1
    for mark in "123456ː":
        if mark not in ids:
            ids[mark] = [following]
            following += 1
    return ids


def build_voice(folder: Path, *, speakers: int = 1, name: str = "vi_VN-loa-test.onnx") -> Path:
    ids = phoneme_id_map()
    symbols = max(i for v in ids.values() for i in v) + 1
    wave = np.array([[[[math.sin(2 * math.pi * 344.53125 * n / RATE) for n in range(PERIOD)]]]], np.float32)
    nodes = [
        helper.make_node("Gather", ["scales", "one"], ["length_scale"], axis=0),
        helper.make_node("Mul", ["length_scale", "four"], ["periods_f"]),
        helper.make_node("Round", ["periods_f"], ["periods_r"]),
        helper.make_node("Cast", ["periods_r"], ["periods"], to=TensorProto.INT64),
        helper.make_node("Unsqueeze", ["periods", "axis0"], ["periods1"]),
        helper.make_node("Concat", ["ones3", "periods1"], ["repeats"], axis=0),
        helper.make_node("Tile", ["wave", "repeats"], ["tone"]),  # [1, 1, 1, 64 × periods]
        helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),
        helper.make_node("Sin", ["ids"], ["wobble"]),
        helper.make_node("Mul", ["wobble", "quarter"], ["swing"]),
        helper.make_node("Add", ["swing", "half"], ["amp"]),  # 0.25–0.75 per phoneme
        helper.make_node("Unsqueeze", ["amp", "axes"], ["amp4"]),  # [1, 1, N, 1]
        helper.make_node("Mul", ["amp4", "tone"], ["frames"]),  # [1, 1, N, 64 × periods]
        helper.make_node("Reshape", ["frames", "shape"], ["output"]),  # [1, 1, samples]
    ]
    inputs = [helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
              helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
              helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3])]
    if speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", TensorProto.INT64, [1]))
    initializers = [numpy_helper.from_array(wave, "wave"),
                    numpy_helper.from_array(np.array(0.25, np.float32), "quarter"),
                    numpy_helper.from_array(np.array(0.5, np.float32), "half"),
                    numpy_helper.from_array(np.array([1, 3], np.int64), "axes"),
                    numpy_helper.from_array(np.array([1, 1, -1], np.int64), "shape"),
                    numpy_helper.from_array(np.array(1, np.int64), "one"),
                    numpy_helper.from_array(np.array(4.0, np.float32), "four"),
                    numpy_helper.from_array(np.array([0], np.int64), "axis0"),
                    numpy_helper.from_array(np.array([1, 1, 1], np.int64), "ones3")]
    graph = helper.make_graph(nodes, "loa-test-voice", inputs,
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "samples"])],
                              initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = Path(folder) / name
    onnx.save(model, path)
    config = {"audio": {"sample_rate": RATE}, "espeak": {"voice": "vi"}, "phoneme_type": "espeak",
              "num_symbols": symbols, "num_speakers": speakers, "speaker_id_map": {},
              "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
              "phoneme_id_map": ids, "piper_version": "1.0.0"}
    path.with_name(path.name + ".json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return path
