package org.rapport.interaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of the writing lanes' steps (ADR 0050): a chunk takes each stage only after
 * the chunk before has finished it, commits only after the chunk before committed, and is
 * stopped when a chunk before it failed.
 */
class ImportTurnsTest {

	@Test
	void aChunkEntersEachStageOnlyAfterTheChunkBeforeFinishedItAndCommitsAfterIt() throws InterruptedException {
		ImportTurns turns = new ImportTurns();
		List<String> steps = new CopyOnWriteArrayList<>();
		ImportTurns.Turn first = turns.turn(0);
		ImportTurns.Turn second = turns.turn(1);
		Thread later = new Thread(() -> {
			for (ImportTurns.Stage stage : ImportTurns.Stage.values()) {
				second.to(stage);
				steps.add("1 " + stage);
			}
			second.committed();
			steps.add("1 committed");
		});
		later.start();
		for (ImportTurns.Stage stage : ImportTurns.Stage.values()) {
			first.to(stage);
			steps.add("0 " + stage);
		}
		steps.add("0 committed");
		first.committed();
		later.join();

		for (ImportTurns.Stage stage : ImportTurns.Stage.values()) {
			assertThat(steps.indexOf("0 " + stage)).isLessThan(steps.indexOf("1 " + stage));
		}
		assertThat(steps.indexOf("0 committed")).isLessThan(steps.indexOf("1 " + ImportTurns.Stage.COMMIT));
	}

	@Test
	void aChunkAfterAFailedOneIsStoppedAtItsNextTurnAndTheFirstFailureInFileOrderIsTheRuns()
			throws InterruptedException {
		ImportTurns turns = new ImportTurns();
		ImportTurns.Turn first = turns.turn(0);
		ImportTurns.Turn second = turns.turn(1);
		ImportTurns.Turn third = turns.turn(2);
		AtomicReference<Throwable> seen = new AtomicReference<>();
		first.to(ImportTurns.Stage.INSERT);
		second.to(ImportTurns.Stage.RESOLVE);
		Thread later = new Thread(() -> {
			try {
				second.to(ImportTurns.Stage.INSERT);
			}
			catch (RuntimeException ex) {
				seen.set(ex);
			}
		});
		later.start();
		IllegalStateException laterFailure = new IllegalStateException("later");
		IllegalStateException earlierFailure = new IllegalStateException("earlier");
		turns.fail(1, laterFailure);
		turns.fail(0, earlierFailure);
		later.join();

		assertThat(seen.get()).isInstanceOf(ImportTurns.Stopped.class);
		assertThat(turns.failure()).isSameAs(earlierFailure);
		assertThat(turns.stopped()).isTrue();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> third.to(ImportTurns.Stage.RESOLVE))
			.isInstanceOf(ImportTurns.Stopped.class);
	}

	@Test
	void aChunkThatRunsAloneStartsOnlyAfterTheChunkBeforeCommittedAndTheNextWaitsForItsStages()
			throws InterruptedException {
		ImportTurns turns = new ImportTurns();
		List<String> steps = new CopyOnWriteArrayList<>();
		ImportTurns.Turn first = turns.turn(0);
		ImportTurns.Turn alone = turns.turn(1);
		ImportTurns.Turn third = turns.turn(2);
		Thread returns = new Thread(() -> {
			alone.alone();
			steps.add("1 started");
			for (ImportTurns.Stage stage : ImportTurns.Stage.values()) {
				alone.to(stage);
				steps.add("1 " + stage);
			}
			alone.committed();
		});
		Thread after = new Thread(() -> {
			third.to(ImportTurns.Stage.RESOLVE);
			steps.add("2 " + ImportTurns.Stage.RESOLVE);
		});
		returns.start();
		after.start();
		for (ImportTurns.Stage stage : ImportTurns.Stage.values()) {
			first.to(stage);
		}
		steps.add("0 committed");
		first.committed();
		returns.join();
		after.join();

		assertThat(steps.indexOf("0 committed")).isLessThan(steps.indexOf("1 started"));
		assertThat(steps.indexOf("1 " + ImportTurns.Stage.RESOLVE))
			.isLessThan(steps.indexOf("2 " + ImportTurns.Stage.RESOLVE));
	}

	@Test
	void aChunkBeforeAFailedOneGoesOnToItsCommit() {
		ImportTurns turns = new ImportTurns();
		ImportTurns.Turn first = turns.turn(0);
		turns.fail(1, new IllegalStateException("later"));

		for (ImportTurns.Stage stage : ImportTurns.Stage.values()) {
			first.to(stage);
		}
		first.committed();

		assertThat(turns.failure()).hasMessage("later");
	}

}
