/**
 * tracker-core: the embeddable issue tracker. Start with {@link dev.tracker.core.TrackerService}.
 */
// "module": the daemon and the testkit, to which internal packages are exported, are built after
// this module and are not there to be found; "requires-automatic": JGit has no module descriptor,
// only an Automatic-Module-Name
@SuppressWarnings({"module", "requires-automatic"})
module dev.tracker.core {
  requires transitive java.sql;
  requires org.jooq;
  requires com.zaxxer.hikari;
  requires org.xerial.sqlitejdbc;
  requires tools.jackson.core;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires org.eclipse.jgit;
  // SSH remotes: JGit's transport on Apache MINA SSHD, whose key utilities word host keys
  requires org.eclipse.jgit.ssh.apache;
  requires org.apache.sshd.osgi;
  requires org.slf4j;
  // compile time only: jOOQ's Settings carry JAXB annotations (a provided dependency), which javac
  // and javadoc read with it
  requires static jakarta.xml.bind;
  // the API's @Nullable is read by those who read this module, if they have JSpecify
  requires static transitive org.jspecify;

  exports dev.tracker.core;
  // the daemon serves the protocol and formats its timestamps like the client reads them; the
  // testkit's DaemonConnection frames and parses answers as the client does
  exports dev.tracker.core.internal.protocol to
      dev.tracker.daemon,
      dev.tracker.testkit;
  // the testkit's JSONL file assertions read files with the library's own reader
  exports dev.tracker.core.internal.jsonl to
      dev.tracker.daemon,
      dev.tracker.testkit;
  // the testkit's leak check reads which services and daemon connections are open
  exports dev.tracker.core.internal to
      dev.tracker.testkit;
  // the launcher asks the daemon for status and stop, which the API does not offer; the testkit's
  // DaemonConnection and the daemon's tests speak the raw protocol over the client's LineConnection
  exports dev.tracker.core.internal.client to
      dev.tracker.daemon,
      dev.tracker.testkit;

  // jOOQ instantiates the generated records reflectively
  opens dev.tracker.core.internal.store.schema.tables.records to
      org.jooq;
}
