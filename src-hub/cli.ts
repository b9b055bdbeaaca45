import { UsageError } from './cli-args';
import { main, USAGE } from './cli-commands';

// `npm run hub -- …`: the commands live in cli-commands.ts (tests run them in-process); this maps their errors to exit codes.
main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
