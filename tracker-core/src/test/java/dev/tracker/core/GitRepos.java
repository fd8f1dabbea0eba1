package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Real git repositories for sync tests: a bare remote and its clones. */
final class GitRepos {

  private GitRepos() {}

  static Path bareRemote(Path directory) throws GitAPIException {
    Git.init()
        .setBare(true)
        .setInitialBranch("main")
        .setDirectory(directory.toFile())
        .call()
        .close();
    return directory;
  }

  static Path cloneOf(Path remote, Path directory) throws GitAPIException {
    Git.cloneRepository()
        .setURI(remote.toUri().toString())
        .setDirectory(directory.toFile())
        .call()
        .close();
    return directory;
  }

  static Path init(Path directory) throws GitAPIException {
    Git.init().setInitialBranch("main").setDirectory(directory.toFile()).call().close();
    return directory;
  }

  /** Commits one file with the given content through the git API, as a user would. */
  static void commitFile(Path repository, String name, String content, String message)
      throws IOException, GitAPIException {
    Files.writeString(repository.resolve(name), content);
    try (Git git = Git.open(repository.toFile())) {
      git.add().addFilepattern(name).call();
      git.commit().setMessage(message).setAuthor("user", "user@example.com").call();
    }
  }

  static int commitCount(Path repository) throws IOException {
    try (Repository repo = Git.open(repository.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) {
        return 0;
      }
      walk.markStart(walk.parseCommit(head));
      int count = 0;
      for (RevCommit ignored : walk) {
        count++;
      }
      return count;
    }
  }

  static List<String> filesInHeadCommit(Path repository) throws Exception {
    try (Git git = Git.open(repository.toFile())) {
      Repository repo = git.getRepository();
      RevCommit head = git.log().setMaxCount(1).call().iterator().next();
      List<String> paths = new ArrayList<>();
      try (var diff =
          new org.eclipse.jgit.diff.DiffFormatter(java.io.OutputStream.nullOutputStream())) {
        diff.setRepository(repo);
        for (var entry : diff.scan(head.getParentCount() == 0 ? null : head.getParent(0), head)) {
          paths.add(entry.getNewPath());
        }
      }
      return paths;
    }
  }

  /** Runs the git command line in a directory; returns its output, failing on a non-zero exit. */
  static String git(Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git %s finished", command).isTrue();
    assertThat(process.exitValue()).as("git %s: %s", args, output).isZero();
    return output;
  }

  static boolean gitOnPath() {
    try {
      Process process = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
