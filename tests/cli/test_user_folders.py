"""The user's folders are safe: `train` refuses an --out that is a folder of other files or lies inside the
images it trains on, image scans skip run directories, and --resume without checkpoints says so."""

import os
import shutil

import numpy as np
import tensorflow as tf

from keras_gans.cli import main
from keras_gans.data.image_folder import list_images

TINY = ["--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16", "--steps", "2"]


def _images(folder, n=4):
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        tf.io.write_file(os.path.join(folder, f"{i}.png"), tf.io.encode_png(np.full((8, 8, 1), 40 * i, np.uint8)))


def test_an_out_folder_of_other_files_is_refused_and_left_as_it_was(tmp_path, capsys):
    mine = tmp_path / "my_files"
    mine.mkdir()
    (mine / "thesis.txt").write_text("mine")
    assert main(["train", "gaussian_ring", "--out", str(mine), *TINY]) == 2
    err = capsys.readouterr().err
    assert "is a folder of other files, not a run" in err and "Give a new or empty folder" in err
    assert sorted(os.listdir(mine)) == ["thesis.txt"]


def test_an_out_inside_the_training_images_is_refused(tmp_path, capsys):
    data = str(tmp_path / "faces")
    _images(data)
    assert main(["train", "dcgan", "--dataset", data, "--out", os.path.join(data, "run"), *TINY]) == 2
    assert "lies inside the dataset folder" in capsys.readouterr().err
    assert sorted(os.listdir(data)) == ["0.png", "1.png", "2.png", "3.png"]


def test_image_scans_skip_run_directories(tmp_path):
    data = str(tmp_path / "faces")
    _images(data, 3)
    run = os.path.join(data, "old_run")  # a run made inside the folder before this check existed
    _images(run, 2)
    os.makedirs(os.path.join(run, "checkpoints"))
    open(os.path.join(run, "config.json"), "w").write("{}")
    _images(os.path.join(run, "generator"), 1)
    assert [os.path.basename(f) for f in list_images(data)] == ["0.png", "1.png", "2.png"]


def test_resume_without_checkpoints_asks_for_restart_or_a_fresh_out(toy_run, capsys):
    argv = ["train", toy_run, "--steps", "3", "--sample-every", "0", "--checkpoint-every", "3"]
    assert main([*argv, "--restart"]) == 2  # it has checkpoints: a restart would throw them away
    assert "holds checkpoints up to step 10: drop --restart" in capsys.readouterr().err
    shutil.rmtree(os.path.join(toy_run, "checkpoints"))
    assert main([*argv, "--resume"]) == 2
    err = capsys.readouterr().err
    assert "holds no checkpoint" in err and "Add --restart to start it again at step 0" in err and "fresh --out" in err
    assert main([*argv, "--resume", "--restart"]) == 0
    err = capsys.readouterr().err
    assert "starting it again at step 0" in err and "steps 0..3" in err
    assert main([*argv, "--resume"]) == 0  # now it holds checkpoint 3: a plain resume continues (nothing to do)


def test_a_start_killed_before_its_first_checkpoint_does_not_block_the_retry(tmp_path, capsys):
    out = str(tmp_path / "run")
    os.makedirs(os.path.join(out, "tensorboard"))
    open(os.path.join(out, "config.json"), "w").write('{"preset": "gaussian_ring"}')  # what a kill -9 leaves
    argv = ["train", "gaussian_ring", "--out", out, "--steps", "2", "--sample-every", "0", "--set", "batch_size=16",
            "--set", "generator.units=[8]", "--set", "discriminator.units=[8]"]
    assert main(argv) == 0
    assert "held only the config.json of a start that never reached its first checkpoint" in capsys.readouterr().err
    open(os.path.join(out, "notes.txt"), "w").write("mine")
    shutil.rmtree(os.path.join(out, "checkpoints"))
    assert main(argv) == 2  # a file of the user's own: the folder is not replaced
    assert "already holds a run" in capsys.readouterr().err and os.path.exists(os.path.join(out, "notes.txt"))
