"""The doctor's conditions on curves drawn to show one failure each, and on a healthy run's curves."""

import numpy as np
import pytest

from keras_gans import zoo
from keras_gans.health import Curves, diagnose
from keras_gans.zoo.overrides import parse_assignments

N = 40
STEPS = np.arange(1, N + 1) * 50


def curves(**changes):
    """A healthy run's curves (D ahead of G but not winning, steady spread, stable norms) with ``changes``."""
    rng = np.random.default_rng(0)
    base = {
        "d_loss": 1.1 + 0.02 * rng.standard_normal(N), "g_loss": 1.0 + 0.02 * rng.standard_normal(N),
        "real_logit": 0.6 + 0.02 * rng.standard_normal(N), "fake_logit": -0.6 + 0.02 * rng.standard_normal(N),
        "real_logit_std": np.full(N, 0.8), "fake_logit_std": np.full(N, 0.8),
        "real_accuracy": np.full(N, 0.75), "fake_accuracy": np.full(N, 0.75), "r_t": np.full(N, 0.4),
        "d_grad_norm": 2.0 + 0.1 * rng.standard_normal(N), "g_grad_norm": 1.5 + 0.1 * rng.standard_normal(N),
        "d_learning_rate": np.full(N, 2e-3), "g_learning_rate": np.full(N, 2e-3),
        "diversity": np.linspace(3.0, 6.0, N), "real_diversity": np.full(N, 6.5),
    }
    base.update(changes)
    rows = [{"step": int(s), **{k: float(v[i]) for k, v in base.items()}} for i, s in enumerate(STEPS)]
    return Curves(["step", *base], rows)


def names(findings):
    return [f.condition for f in findings]


def ramp(start, end, at):
    """``start`` until row ``at``, then a straight line to ``end`` at the last row."""
    return np.concatenate([np.full(at, start), np.linspace(start, end, N - at)])


def test_a_healthy_run_is_called_healthy():
    assert diagnose(curves()) == []


def test_d_overpowering_g_is_named_with_the_step_it_began():
    found = diagnose(curves(real_accuracy=ramp(0.75, 1.0, 20), fake_accuracy=ramp(0.75, 1.0, 20),
                            fake_logit=ramp(-0.6, -12.0, 20), g_grad_norm=ramp(1.5, 0.005, 20)))
    assert names(found) == ["d_overpowers_g"]
    # the rolling median of the accuracies passes 0.95 where the ramp does: row 20 + 0.8 * 20 / 0.25 of the way
    first = next(i for i, a in enumerate(ramp(0.75, 1.0, 20)) if a > 0.95)
    assert found[0].step == pytest.approx(STEPS[first], abs=100)
    assert any("optimizers.d.learning_rate=0.0005" in r for r in found[0].remedies)


def test_mode_collapse_is_named_from_the_diversity_and_the_classes():
    diversity = np.concatenate([np.linspace(3.0, 6.0, 20), np.full(N - 20, 1.0)])
    found = diagnose(curves(diversity=diversity, sample_classes=np.r_[np.full(20, 10), np.full(N - 20, 2)],
                            top_class_share=np.r_[np.full(20, 0.12), np.full(N - 20, 0.7)]))
    assert names(found) == ["mode_collapse"]
    assert found[0].step == STEPS[21]  # the rolling median of 3 rows falls with the second low row
    assert len(found[0].evidence) == 2  # the diversity and the class histogram


def test_a_d_near_certain_for_half_the_run_overpowers_g_even_while_g_still_gets_gradient():
    # the non-saturating loss keeps G's gradient while D wins: accuracies above 0.99 from row 10 are enough
    sure = np.r_[np.full(10, 0.75), np.full(N - 10, 0.999)]
    found = diagnose(curves(real_accuracy=sure, fake_accuracy=sure, d_loss=np.r_[np.full(10, 1.1), np.full(N - 10, 0.004)]))
    assert names(found) == ["d_overpowers_g"]
    assert any("near-certain" in e for e in found[0].evidence)
    # certain only over the last quarter: not yet
    late = np.r_[np.full(30, 0.75), np.full(N - 30, 0.999)]
    assert diagnose(curves(real_accuracy=late, fake_accuracy=late)) == []


def test_low_diversity_that_still_grows_is_a_slow_g_not_a_collapse():
    slow = np.linspace(0.6, 2.7, N)  # far below real data (6.5) but rising all the way
    assert "mode_collapse" not in names(diagnose(curves(diversity=slow)))
    assert "mode_collapse" in names(diagnose(curves(diversity=np.full(N, 1.0))))  # as low and flat: collapse


def test_a_growing_jacobian_condition_number_names_a_collapse_early():
    diversity = np.concatenate([np.linspace(3.0, 6.0, 20), np.linspace(6.0, 4.0, N - 20)])  # at 2/3 of its peak
    condition = np.full(N, np.nan)
    condition[::10] = [20.0, 25.0, 400.0, 2000.0]
    condition[-1] = 3000.0
    found = diagnose(curves(diversity=diversity, jacobian_condition=condition))
    assert names(found) == ["mode_collapse"]
    assert found[0].step == STEPS[20]  # where the condition number first passed sqrt(30) x its first values
    assert diagnose(curves(diversity=diversity)) == []  # the same fall of the diversity alone: not yet a collapse


def test_divergence_is_named_before_anything_is_non_finite():
    found = diagnose(curves(d_grad_norm=2.0 * np.exp(np.linspace(0, 8, N)), g_grad_norm=1.5 * np.exp(np.linspace(0, 8, N))))
    assert "divergence" in names(found) and names(found)[0] == "divergence"


def test_a_discriminator_that_learns_nothing_is_named():
    found = diagnose(curves(real_logit=np.full(N, 0.01), fake_logit=np.full(N, 0.0), real_accuracy=np.full(N, 0.5),
                            fake_accuracy=np.full(N, 0.5), d_loss=np.full(N, 1.386), diversity=np.full(N, 4.0)))
    assert names(found) == ["d_learns_nothing"]
    assert diagnose(curves(real_logit=np.full(N, 0.01), fake_logit=np.full(N, 0.0), real_accuracy=np.full(N, 0.5),
                           fake_accuracy=np.full(N, 0.5), d_loss=np.full(N, 1.386))) == []  # G still learns: equilibrium
    # G learned fast and its samples spread like the data's (6.5): D at chance because G won
    assert diagnose(curves(real_logit=np.full(N, 0.01), fake_logit=np.full(N, 0.0), real_accuracy=np.full(N, 0.5),
                           fake_accuracy=np.full(N, 0.5), d_loss=np.full(N, 1.386), diversity=np.full(N, 6.3))) == []


def test_a_discriminator_that_g_fools_from_the_start_learns_nothing():
    # D's rate too small to move: G's samples rated above real ones from the first row, D's loss rising
    found = diagnose(curves(real_logit=np.linspace(0.1, 0.9, N), fake_logit=np.linspace(3.0, 9.0, N),
                            real_accuracy=np.full(N, 0.7), fake_accuracy=np.full(N, 0.0),
                            d_loss=np.linspace(3.7, 9.6, N), diversity=np.full(N, 1.4)))
    assert names(found)[0] == "d_learns_nothing"
    assert any("above real ones" in e for e in found[0].evidence)
    # the same logits while D's loss falls: D is learning, only behind
    assert "d_learns_nothing" not in names(diagnose(curves(real_logit=np.linspace(0.1, 0.9, N), fake_logit=np.linspace(3.0, 9.0, N),
                                                           real_accuracy=np.full(N, 0.7), fake_accuracy=np.full(N, 0.0),
                                                           d_loss=np.linspace(3.7, 1.0, N))))


def test_logits_past_float32_saturation_are_a_divergence():
    # beyond a logit of 30 the sigmoid is 1 in float32 and D's gradient ~exp(-30) ~ 1e-13
    found = diagnose(curves(real_logit=ramp(0.6, 97.0, 10), fake_logit=ramp(-0.6, -31.0, 10), d_loss=ramp(1.1, 0.0, 10),
                            real_accuracy=ramp(0.75, 1.0, 10), fake_accuracy=ramp(0.75, 1.0, 10)))
    assert names(found)[0] == "divergence"
    assert any("saturated" in e for e in found[0].evidence)
    # logits of 25, large but below the bound of 30: not this signal
    assert "divergence" not in names(diagnose(curves(real_logit=np.full(N, 25.0), fake_logit=np.full(N, -25.0))))


def test_a_saturating_generator_loss_is_named():
    found = diagnose(curves(g_loss=np.r_[np.full(10, 0.7), np.linspace(0.7, 0.001, 10), np.full(N - 20, 0.001)], fake_accuracy=ramp(0.75, 1.0, 10), real_accuracy=ramp(0.75, 1.0, 10),
                            fake_logit=ramp(-0.6, -9.0, 10), g_grad_norm=ramp(1.5, 0.001, 10)))
    assert names(found)[0] == "saturating_g_loss"
    assert found[0].remedies[0].startswith("--set loss.name=non_saturating")


def test_oscillation_without_progress_is_named():
    swing = 1.1 + 0.8 * np.sin(np.arange(N) * 2 * np.pi / 8)
    found = diagnose(curves(d_loss=swing, diversity=np.full(N, 4.0)))
    assert names(found) == ["oscillation"]
    assert diagnose(curves(d_loss=swing)) == []  # the same swing while the diversity still grows: progress


def test_samples_that_collapse_and_recover_again_and_again_are_an_oscillation():
    # mode hopping: the diversity drops to a third of its peak and comes back, three times in the second half
    hops = np.r_[np.linspace(1.0, 6.0, 16), np.tile([6.0, 6.0, 2.0, 2.0, 2.0, 6.0, 6.0, 6.0], 3)]
    found = diagnose(curves(diversity=hops))
    assert names(found)[0] == "oscillation"
    assert "recovered 3 times" in found[0].evidence[0]
    # the same hops ending on new ground (the last fifth 1.5x every earlier value): progress, not this
    assert "oscillation" not in names(diagnose(curves(diversity=np.r_[hops[:-8], np.full(8, 9.0)])))


def test_d_overfitting_is_named_from_r_t():
    found = diagnose(curves(r_t=ramp(0.3, 0.99, 10)))
    assert names(found) == ["d_overfitting"]


def test_every_remedy_is_a_set_key_a_preset_accepts():
    cases = [curves(real_accuracy=ramp(0.75, 1.0, 20), fake_accuracy=ramp(0.75, 1.0, 20), fake_logit=ramp(-0.6, -12.0, 20)),
             curves(diversity=np.r_[np.linspace(3, 6, 20), np.full(N - 20, 1.0)]),
             curves(d_grad_norm=2.0 * np.exp(np.linspace(0, 8, N))), curves(r_t=ramp(0.3, 0.99, 10)),
             curves(d_loss=1.1 + 0.8 * np.sin(np.arange(N) * 2 * np.pi / 8), diversity=np.full(N, 4.0)),
             curves(real_logit=np.full(N, 0.01), fake_logit=np.full(N, 0.0), real_accuracy=np.full(N, 0.5),
                    fake_accuracy=np.full(N, 0.5), d_loss=np.full(N, 1.386), diversity=np.full(N, 4.0)),
             curves(g_loss=np.r_[np.full(10, 0.7), np.linspace(0.7, 0.001, 10), np.full(N - 20, 0.001)], fake_accuracy=ramp(0.75, 1.0, 10), real_accuracy=ramp(0.75, 1.0, 10))]
    seen = set()
    for c in cases:
        for finding in diagnose(c):
            for remedy in finding.remedies:
                seen.add(finding.condition)
                assignments = [a for a in remedy.split("  (")[0].split("--set ") if a.strip()]
                tiny = {"generator.base_filters": 4, "discriminator.base_filters": 4, "precision": "float32",
                        "jit_compile": False}
                zoo.build_gan(zoo.resolve("dcgan_ema", **{**tiny, **parse_assignments([a.strip() for a in assignments])}))
    assert len(seen) == 7


def test_a_short_history_is_not_judged():
    c = curves()
    short = Curves(["step", *c.columns], [{"step": 50, **{k: float(c[k][0]) for k in c.columns}}] * 3)
    assert diagnose(short) == []


def test_the_doctor_callback_warns_once_per_condition(tmp_path, capsys):
    from keras_gans.callbacks import Doctor
    from keras_gans.health import HistoryFile
    from tests.helpers import points, toy_gan

    c = curves(d_grad_norm=2.0 * np.exp(np.linspace(0, 8, N)))
    history = HistoryFile(str(tmp_path / "history.csv"))
    for i, step in enumerate(STEPS):
        history.append({"step": int(step), **{k: float(c[k][i]) for k in c.columns}})
    doctor = Doctor(str(tmp_path), every_n_steps=1)
    toy_gan().fit(points(32), batch_size=8, epochs=1, verbose=0, callbacks=[doctor])
    assert [f.condition for f in doctor.findings] == ["divergence"]
    assert capsys.readouterr().out.count("doctor: divergence") == 1  # four looks, one warning
