package newsroom.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./newsroom} command. */
@Command(name = "newsroom", mixinStandardHelpOptions = true, version = "newsroom 0.1.0",
    description = "Run the news pipeline locally and talk to it.",
    subcommands = {UpCommand.class, IngestCommand.class, SearchCommand.class, FeedsCommand.class, BenchCommand.class, ChaosCommand.class,
        KeysCommand.class, KbCommand.class,
        newsroom.tools.eval.EvalCommand.class, newsroom.tools.eval.TopicsCommand.class})
public final class NewsroomCli {
  private NewsroomCli() {}

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(NewsroomCli.class);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("newsroom " + commandLine.getCommandName() + ": " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }
}
