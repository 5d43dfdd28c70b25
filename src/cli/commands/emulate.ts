import type { CommandModule } from 'yargs';
import { emulatorConfigSchema } from '../../emulator/config.js';
import { startEmulator } from '../../emulator/index.js';
import { RuntimeFailure } from '../../errors.js';
import { loadEmulatorConfig } from '../../scenario/load-emulator.js';

interface Args {
  config?: string;
  port: number;
  host: string;
  reportLog?: string;
}

export const emulateCommand: CommandModule<object, Args> = {
  command: 'emulate',
  describe:
    'Run the target emulator standalone (a function behind an API gateway) for drills driven by other tools',
  builder: (y) =>
    y
      .option('config', {
        type: 'string',
        describe:
          'Emulator settings (YAML/JSON): a whole scenario (its target.emulator block) or that block alone',
      })
      .option('port', { type: 'number', default: 8787, describe: 'Port to listen on (0 = any free port)' })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'Address to bind (loopback unless you say otherwise)',
      })
      .option('report-log', {
        type: 'string',
        describe: 'Append a Lambda-style REPORT line per invocation to this file',
      })
      .example(
        '$0 emulate --config scenarios/quickstart.yaml --port 0',
        'Serve the emulator a scenario drills',
      )
      .example(
        '$0 emulate --config emulator.yaml --port 8787',
        'Serve on http://127.0.0.1:8787; stats at /__dowdrill/stats',
      ) as never,
  handler: async (args) => {
    const config = args.config ? loadEmulatorConfig(args.config) : emulatorConfigSchema.parse({});
    let emu: Awaited<ReturnType<typeof startEmulator>>;
    try {
      emu = await startEmulator(config, {
        host: args.host,
        port: args.port,
        ...(args.reportLog ? { reportLogFile: args.reportLog } : {}),
      });
    } catch (e) {
      throw new RuntimeFailure(
        `the emulator could not start on ${args.host}:${args.port}: ${e instanceof Error ? e.message : e}`,
        'pick another --port, or --port 0 for any free one',
      );
    }
    process.stderr.write(
      `dowdrill emulator (${config.profile}) listening on ${emu.url}\n  ground truth: ${emu.url}/__dowdrill/stats\n  Ctrl-C to stop\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => void emu.stop().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
