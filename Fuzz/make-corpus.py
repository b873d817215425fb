#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (Fuzz/Corpus/<target>/): small valid and
near-valid files, the same bytes on every run (no clocks, no randomness)."""
import gzip
import json
import os
import shutil
import struct
import sys
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")


def write(target, name, data):
    directory = os.path.join(ROOT, target)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


def idx(shape, fill=7):
    count = 1
    for d in shape:
        count *= d
    return bytes([0, 0, 8, len(shape)]) + b"".join(struct.pack(">I", d) for d in shape) + bytes((fill + i) % 256 for i in range(count))


def npy(descr, shape, payload, version=1):
    shape_text = "(" + "".join(f"{d}," for d in shape) + ")" if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape_text}, }}"
    prefix = 10 if version == 1 else 12
    header += " " * ((64 - (prefix + len(header) + 1) % 64) % 64) + "\n"
    length = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + length + header.encode() + payload


def safetensors(tensors, metadata=None):
    header, body = {}, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, payload in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(body), len(body) + len(payload)]}
        body += payload
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + body


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def masked(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def record(payload):
    length = struct.pack("<Q", len(payload))
    return length + struct.pack("<I", masked(length)) + payload + struct.pack("<I", masked(payload))


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(number, wire, payload):
    key = varint(number << 3 | wire)
    if wire == 2:
        return key + varint(len(payload)) + payload
    return key + payload


def event(step, summary=None, version=None):
    out = field(1, 1, struct.pack("<d", 1000.5)) + field(2, 0, varint(step))
    if version:
        out += field(3, 2, version.encode())
    if summary:
        out += field(5, 2, summary)
    return out


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    # IDX (+gzip)
    write("idx", "labels", idx([10]))
    write("idx", "images", idx([2, 4, 4]))
    write("idx", "labels.gz", gz(idx([12])))
    write("idx", "images.gz", gz(idx([1, 3, 3])))
    write("idx", "short", idx([2, 4, 4])[:-3])
    write("idx", "float-type", bytes([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0x80, 0x3F]))
    # CIFAR: one CIFAR-10 record and one CIFAR-100 record
    write("cifar", "cifar10", bytes([3]) + bytes(i % 256 for i in range(3072)))
    write("cifar", "cifar100", bytes([5, 42]) + bytes((3 * i) % 256 for i in range(3072)))
    write("cifar", "cifar10-bad-label", bytes([12]) + bytes(3072))
    # CSV
    write("csv", "header-label", "a,b,label\n1,2,0\n3.5,-4e2,1\n")
    write("csv", "no-header", "1,2,3\n4,5,6\n\n7,8,9\n")
    write("csv", "quoted", '"x","label","y"\r\n"1.5","2","3"\r\n')
    write("csv", "ragged", "a,b\n1\n2,3,4\n")
    # NPY
    write("npy", "f4", npy("<f4", [2, 3], struct.pack("<6f", *range(6))))
    write("npy", "f8", npy("<f8", [3], struct.pack("<3d", 0.5, -1, 2)))
    write("npy", "u1", npy("|u1", [4], bytes([1, 2, 3, 4])))
    write("npy", "i8", npy("<i8", [2], struct.pack("<2q", 5, -7)))
    write("npy", "scalar", npy("<f4", [], struct.pack("<f", 3)))
    write("npy", "v2", npy("<f4", [1], struct.pack("<f", 1), version=2))
    write("npy", "fortran", npy("<f4", [1], struct.pack("<f", 1)).replace(b"False", b"True "))
    # safetensors and checkpoints
    plain = safetensors([("a", "F32", [2], struct.pack("<2f", 1, 2)), ("b", "F16", [1, 2], b"\x00\x3c\x00\xc0"),
                         ("c", "I64", [], struct.pack("<q", 9)), ("d", "U8", [3], b"\x01\x02\x03")], {"note": "seed"})
    write("safetensors", "mixed", plain)
    write("safetensors", "empty", safetensors([]))
    write("safetensors", "bf16-bool", safetensors([("x", "BF16", [2], b"\x80\x3f\x00\x40"), ("y", "BOOL", [2], b"\x01\x00")]))
    write("safetensors", "truncated", plain[:-2])
    metadata = {"loom.format": "1", "loom.version": "0.1.0", "loom.global_step": "12", "loom.epoch": "3",
                "loom.created_at": "2026-01-02T03:04:05Z", "loom.callbacks": '{"saver":{"kept":[1,2]},"minsaver":{"best":0.5}}',
                "loom.data_position": '{"kind":"array","index":4}', "loom.rng": '{"state":[1,2,3,4]}'}
    checkpoint = safetensors([("model/w", "F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), ("model/b", "F32", [2], struct.pack("<2f", 0, 1))], metadata)
    write("checkpoint", "checkpoint", checkpoint)
    write("checkpoint", "no-callbacks", safetensors([], dict(metadata, **{"loom.callbacks": "{}"})))
    write("safetensors", "checkpoint", checkpoint)
    # checkpoint.json
    index = {"format": 1, "latest": "model-20.safetensors",
             "checkpoints": [{"file": "model-10.safetensors", "step": 10, "epoch": 1, "time": 1000.5},
                             {"file": "model-20.safetensors", "step": 20, "epoch": 2, "time": 1001}],
             "preserved": [], "firstTime": 999, "lastPreservedTime": None,
             "copies": {"min-val_loss": {"file": "min-val_loss.safetensors", "step": 10, "value": 0.25}},
             "topK": {"val_loss": {"stat": "val_loss", "direction": "min", "k": 2,
                                   "copies": [{"file": "min-val_loss.safetensors", "step": 10, "value": 0.25}]}}}
    write("checkpoint-index", "index.json", json.dumps(index, indent=1))
    write("checkpoint-index", "foreign.json", '{"format":1,"latest":"../x","checkpoints":[{"file":"/etc/passwd","step":1,"epoch":1,"time":0}]}')
    # stats.json
    write("stats", "stats.json", '[\n {"epoch_num": 1, "global_step": 10, "loss": 0.5, "acc": NaN},\n {"epoch_num": 2, "global_step": 20, "loss": Infinity, "lr": -1e-3}\n]\n')
    write("stats", "empty.json", "[]")
    write("stats", "truncated.json", '[{"epoch_num": 1, "loss": 0.5},{"epoch_')
    # hyper.txt
    write("hyper", "hyper.txt", "# Loom hyperparameters\nlearning_rate: 0.01\nmomentum:0.9 # comment\n\n")
    write("hyper", "problems.txt", "learning_rate: 1e400\nlearnig_rate: 2\nmomentum: x\nlearning_rate: 3\n")
    write("hyper", "incomplete.txt", "weight_decay: 0.5")
    # JSON
    write("json", "nested", '{"a": [1, -2.5e-3, true, false, null, "s\\u00e9\\ud83d\\ude00\\n"], "b": {"c": {}}, "d": NaN, "e": -Infinity}')
    write("json", "array", "[[[[]]], 0, 1E+2, \"\"]")
    write("json", "bad", '{"a": [1, 2,}')
    # TensorBoard events
    scalar = field(1, 2, field(1, 2, b"loss") + field(2, 5, struct.pack("<f", 0.25)))
    histo = field(1, 2, field(1, 2, b"w") + field(5, 2, field(1, 1, struct.pack("<d", -1)) + field(2, 1, struct.pack("<d", 1))
                                                   + field(3, 1, struct.pack("<d", 2)) + field(6, 2, struct.pack("<2d", 0, 1)) + field(7, 2, struct.pack("<2d", 1, 1))))
    image = field(1, 2, field(1, 2, b"img") + field(4, 2, field(1, 0, varint(1)) + field(2, 0, varint(1)) + field(3, 0, varint(1)) + field(4, 2, b"\x89PNG")))
    events = record(event(0, version="brain.Event:2")) + record(event(1, scalar)) + record(event(2, histo)) + record(event(3, image))
    write("tfevents", "events", events)
    write("tfevents", "truncated", events[:-5])
    write("tfevents", "bad-crc", events[:20] + b"\x00" + events[21:])
    write("tfevents", "raw-record", record(b"not a protobuf \xff\xff"))
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(ROOT) for f in fs)
    print(f"wrote {ROOT}: {total} bytes")


if __name__ == "__main__":
    sys.exit(main())
