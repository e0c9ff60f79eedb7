/**
 * Plan settings as command-line arguments and back. The app shows the command that reproduces
 * its plan with `npm run plan`, and the CLI parses it with the same code, so a plan can be
 * batch-run and compared.
 */
import { formatWeekdayRanges, parseWeekdayRanges, selectedHours } from '../density/densityFilter';
import { DEFAULT_DETOUR_FACTOR, DEFAULT_SPEED_KMH, type TravelMode } from '../coverage/travelModes';
import { validPlanSettings } from './plannerConfig';
import { defaultPlanSettings, type CandidateKind, type DemandMeasure, type PlanSettings, type SolverKind } from './planSettings';

export function planSettingsToArgs(settings: PlanSettings): string[] {
  const d = defaultPlanSettings();
  const args = ['--k', String(settings.k), '--mode', settings.reach.mode, '--minutes', String(settings.reach.minutes)];
  if (settings.reach.speedKmh !== DEFAULT_SPEED_KMH[settings.reach.mode]) args.push('--speed', String(settings.reach.speedKmh));
  if (settings.reach.detourFactor !== DEFAULT_DETOUR_FACTOR) args.push('--detour', String(settings.reach.detourFactor));
  if (selectedHours(settings.filter).length < 24) args.push('--hours', `${settings.filter.hourFrom}-${settings.filter.hourTo}`);
  if (settings.filter.weekdays.length < 7) args.push('--weekdays', formatWeekdayRanges(settings.filter.weekdays));
  if (settings.measure !== d.measure) args.push('--measure', settings.measure);
  if (!settings.nonMembersOnly) args.push('--include-members');
  if (!settings.uncoveredOnly) args.push('--ignore-stations');
  if (settings.cellSizeM !== d.cellSizeM) args.push('--cell', String(settings.cellSizeM));
  if (settings.candidates !== d.candidates) args.push('--candidates', settings.candidates);
  if (settings.minSpacingM !== d.minSpacingM) args.push('--spacing', String(settings.minSpacingM));
  if (settings.solver !== d.solver) args.push('--solver', settings.solver, '--time-limit', String(settings.exactTimeLimitS));
  if (settings.exclusions.length) args.push('--exclude', JSON.stringify(settings.exclusions));
  args.push('--drives', String(settings.drives), '--start', settings.startDate, '--drive-hours', String(settings.driveHours));
  return args;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function numberArg(flag: string, value: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) throw new Error(`${flag}: expected a number, got "${value}"`);
  return n;
}

function weekdaysArg(value: string): number[] {
  const days = parseWeekdayRanges(value);
  if (!days) throw new Error(`--weekdays: days are 1 (Monday) to 7 (Sunday), e.g. 1-5 or 1,3,6-7; got "${value}"`);
  return days;
}

/**
 * Parses the planning flags and checks the settings they make (a RangeError naming the first bad
 * one); other flags (files, outputs) are returned for the caller.
 */
export function planSettingsFromArgs(argv: string[]): { settings: PlanSettings; rest: Record<string, string> } {
  const s = defaultPlanSettings();
  const rest: Record<string, string> = {};
  let mode: TravelMode = s.reach.mode;
  let speed: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case '--k': s.k = numberArg(flag, value()); break;
      case '--mode': mode = oneOf(flag, value(), ['walk', 'ebike', 'drive'] as const); break;
      case '--minutes': s.reach.minutes = numberArg(flag, value()); break;
      case '--speed': speed = numberArg(flag, value()); break;
      case '--detour': s.reach.detourFactor = numberArg(flag, value()); break;
      case '--hours': {
        const [from, to] = value().split('-').map((x) => numberArg(flag, x));
        s.filter = { ...s.filter, hourFrom: from, hourTo: to };
        break;
      }
      case '--weekdays': s.filter = { ...s.filter, weekdays: weekdaysArg(value()) }; break;
      case '--measure': s.measure = oneOf<DemandMeasure>(flag, value(), ['drivers', 'pings', 'weight']); break;
      case '--include-members': s.nonMembersOnly = false; break;
      case '--ignore-stations': s.uncoveredOnly = false; break;
      case '--cell': s.cellSizeM = numberArg(flag, value()); break;
      case '--candidates': s.candidates = oneOf<CandidateKind>(flag, value(), ['cells', 'venues', 'both']); break;
      case '--spacing': s.minSpacingM = numberArg(flag, value()); break;
      case '--solver': s.solver = oneOf<SolverKind>(flag, value(), ['greedy', 'exact']); break;
      case '--time-limit': s.exactTimeLimitS = numberArg(flag, value()); break;
      case '--exclude': s.exclusions = JSON.parse(value()) as [number, number][][]; break;
      case '--drives': s.drives = numberArg(flag, value()); break;
      case '--start': s.startDate = value(); break;
      case '--drive-hours': s.driveHours = numberArg(flag, value()); break;
      default:
        if (!flag.startsWith('--')) throw new Error(`unexpected argument "${flag}"`);
        rest[flag.slice(2)] = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    }
  }
  s.reach = { ...s.reach, mode, speedKmh: speed ?? DEFAULT_SPEED_KMH[mode] };
  // Flags are parsed above; what they add up to is checked by the same schema a project file's
  // settings are, with the messages a plan run gives (e.g. "k must be a whole number 1–200: 0").
  return { settings: validPlanSettings(s), rest };
}

/** The shell command that reproduces a plan (arguments quoted for a POSIX shell). */
export function planCommand(settings: PlanSettings): string {
  const quote = (arg: string) => (/^[\w.,:/=+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return ['npm', 'run', 'plan', '--', ...planSettingsToArgs(settings)].map(quote).join(' ');
}
