/// A stats.json like a short run's: stats appear late, one value is NaN, one infinite.
let sampleStats = """
[{"loss": 2.3025851249694824, "learning_rate": 0.1, "epoch_num": 1, "global_step": 100}, \
{"loss": 1.2, "train-error": 0.45, "epoch_num": 1, "global_step": 200}, \
{"loss": NaN, "val-error": 0.31234567, "validation_cross_entropy_loss": Infinity, "epoch_num": 2, "global_step": 300}, \
{"loss": 0.8, "learning_rate": 0.01, "epoch_num": 3, "global_step": 400}]
"""
