"""``keras-gans interpolate | project``: latent walks of a run, and the latents of real images."""

import json
import os

import numpy as np

from keras_gans.cli.parser import check_output_dir


def _image_run(args, what):
    from keras_gans import runs

    gan, preset, step = runs.restore_run(args.run_dir)
    if len(gan.generator.output_shape) != 4:
        raise ValueError(f"{args.run_dir} makes points (a toy preset); {what} needs an image generator "
                         "(`keras-gans sample` draws the points).")
    return gan, preset, step


def _classes(gan, text, run_dir):
    from keras_gans.cli.commands import class_index

    if text is None:
        return []
    if not gan.conditional:
        raise ValueError(f"{run_dir} is an unconditional run: --labels needs a conditional one (train with --set "
                         "conditional=true, or a *_conditional preset).")
    return [class_index(gan, t) for t in text.split(",")]


def cmd_interpolate(args):
    from keras_gans.images import save_captioned_grid

    check_output_dir(os.path.dirname(os.path.abspath(args.out)), "--out")
    gan, preset, step = _image_run(args, "interpolate")
    classes = _classes(gan, args.labels, args.run_dir)
    if len(classes) > 2:
        raise ValueError(f"--labels {args.labels}: one class (walks within it) or two (walks from the first to the second).")
    rng = np.random.default_rng(args.seed)
    z0, z1 = gan.draw_latents(rng, args.n), gan.draw_latents(rng, args.n)
    methods = ("linear", "slerp") if args.method == "both" else (args.method,)
    labels = classes[0] if classes else None
    labels_to = classes[1] if len(classes) == 2 else None
    walks = {m: gan.interpolate(z0, z1, steps=args.steps, method=m, space=args.space, labels=labels, labels_to=labels_to,
                                truncation=args.truncation, generator=args.generator) for m in methods}
    images = np.concatenate([walks[m][i] for i in range(args.n) for m in methods])
    names = [f"{m} {i + 1}" for i in range(args.n) for m in methods]
    what = ("" if not classes else f", class {gan.class_name(classes[0])}" if labels_to is None else
            f", class {gan.class_name(classes[0])} to {gan.class_name(classes[1])}")
    space = "" if args.space == "z" else f" in {args.space}"
    save_captioned_grid(args.out, images, names, title=f"{preset['preset']} step {step}: walks{space}{what}")
    print(f"wrote {args.n} walks of {args.steps} steps ({' and '.join(methods)}{space}{what}) of {args.run_dir} "
          f"(step {step}) to {args.out}")
    if args.gif:
        path = os.path.splitext(args.out)[0] + ".gif"
        write_gif(path, walks[methods[-1]])
        print(f"wrote the animated walk ({methods[-1]}, {args.n} walks side by side, there and back) to {path}")
    return 0


def write_gif(path, walks, milliseconds=90, min_side=256):
    """An animated GIF of ``walks`` [N, S, H, W, C] (floats in [-1, 1]): frame s shows every walk's s-th image
    in one grid, enlarged to at least ``min_side`` pixels; the walk goes there and back."""
    from PIL import Image

    from keras_gans.images import image_grid

    frames = [image_grid(walks[:, s]) for s in range(walks.shape[1])]
    frames += frames[-2:0:-1]
    scale = max(1, -(-min_side // max(frames[0].shape[:2])))
    pictures = [Image.fromarray(f[..., 0] if f.shape[-1] == 1 else f).resize((f.shape[1] * scale, f.shape[0] * scale),
                                                                             Image.NEAREST) for f in frames]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    pictures[0].save(path, save_all=True, append_images=pictures[1:], duration=milliseconds, loop=0)
    return path


def cmd_project(args):
    from keras_gans.images import save_captioned_grid
    from keras_gans.latent.target_images import fit_images, read_images

    check_output_dir(args.out)
    raw = read_images(args.images)  # an unreadable file is named before the run is loaded
    gan, preset, step = _image_run(args, "project")
    targets, notes = fit_images(raw, gan.generator.output_shape[1:])
    for path, changed in zip(args.images, notes):
        if changed:
            print(f"note: {path}: {', '.join(changed)}")
    classes = _classes(gan, args.labels, args.run_dir)
    if classes and len(classes) not in (1, len(targets)):
        raise ValueError(f"--labels: one class for all {len(targets)} images, or one per image; got {len(classes)}.")
    style = hasattr(gan.sampling_generator, "synthesis")
    space = args.space or ("w+" if style else "z")
    result = gan.project(targets, steps=args.steps, labels=np.asarray(classes, np.int32) if classes else None,
                         space=space, extractor=args.extractor, progress=True, seed=args.seed)
    os.makedirs(args.out, exist_ok=True)
    rows, report = [], []
    for i, path in enumerate(args.images):
        name = os.path.splitext(os.path.basename(path))[0]
        np.save(os.path.join(args.out, f"{name}.npy"), result.latents[i])
        if result.noise is not None:
            np.savez(os.path.join(args.out, f"{name}.noise.npz"), *result.noise[i])
        save_captioned_grid(os.path.join(args.out, f"{name}_projection.png"), np.stack([targets[i], result.images[i]]),
                            [name], title="target | projection")
        rows.append(f"{name:24s} {result.distance[i]:10.4g} {result.pixel_mse[i]:10.4g} {result.feature_distance[i]:10.4g}")
        report.append({"image": path, "latent": f"{name}.npy", "distance": float(result.distance[i]),
                       "pixel_mse": float(result.pixel_mse[i]), "feature_distance": float(result.feature_distance[i])})
    with open(os.path.join(args.out, "distances.json"), "w") as f:
        json.dump({"run": args.run_dir, "step": step, "space": space, "steps": args.steps, "images": report}, f, indent=2)
    print(f"projected {len(args.images)} image(s) into {space} of {args.run_dir} (step {step}), {args.steps} steps:")
    print(f"{'image':24s} {'distance':>10s} {'pixel MSE':>10s} {'features':>10s}")
    print("\n".join(rows))
    print(f"wrote NAME.npy (the latent), NAME_projection.png (target | projection) and distances.json to {args.out}")
    return 0
