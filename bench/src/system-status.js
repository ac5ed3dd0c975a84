'use strict';
var __assign =
  (this && this.__assign) ||
  function () {
    __assign =
      Object.assign ||
      function (t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
          s = arguments[i];
          for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p)) t[p] = s[p];
        }
        return t;
      };
    return __assign.apply(this, arguments);
  };
var __awaiter =
  (this && this.__awaiter) ||
  function (thisArg, _arguments, P, generator) {
    function adopt(value) {
      return value instanceof P
        ? value
        : new P(function (resolve) {
            resolve(value);
          });
    }
    return new (P || (P = Promise))(function (resolve, reject) {
      function fulfilled(value) {
        try {
          step(generator.next(value));
        } catch (e) {
          reject(e);
        }
      }
      function rejected(value) {
        try {
          step(generator['throw'](value));
        } catch (e) {
          reject(e);
        }
      }
      function step(result) {
        result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
      }
      step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
  };
var __generator =
  (this && this.__generator) ||
  function (thisArg, body) {
    var _ = {
        label: 0,
        sent: function () {
          if (t[0] & 1) throw t[1];
          return t[1];
        },
        trys: [],
        ops: [],
      },
      f,
      y,
      t,
      g = Object.create((typeof Iterator === 'function' ? Iterator : Object).prototype);
    return (
      (g.next = verb(0)),
      (g['throw'] = verb(1)),
      (g['return'] = verb(2)),
      typeof Symbol === 'function' &&
        (g[Symbol.iterator] = function () {
          return this;
        }),
      g
    );
    function verb(n) {
      return function (v) {
        return step([n, v]);
      };
    }
    function step(op) {
      if (f) throw new TypeError('Generator is already executing.');
      while ((g && ((g = 0), op[0] && (_ = 0)), _))
        try {
          if (
            ((f = 1),
            y &&
              (t =
                op[0] & 2
                  ? y['return']
                  : op[0]
                    ? y['throw'] || ((t = y['return']) && t.call(y), 0)
                    : y.next) &&
              !(t = t.call(y, op[1])).done)
          )
            return t;
          if (((y = 0), t)) op = [op[0] & 2, t.value];
          switch (op[0]) {
            case 0:
            case 1:
              t = op;
              break;
            case 4:
              _.label++;
              return { value: op[1], done: false };
            case 5:
              _.label++;
              y = op[1];
              op = [0];
              continue;
            case 7:
              op = _.ops.pop();
              _.trys.pop();
              continue;
            default:
              if (!((t = _.trys), (t = t.length > 0 && t[t.length - 1])) && (op[0] === 6 || op[0] === 2)) {
                _ = 0;
                continue;
              }
              if (op[0] === 3 && (!t || (op[1] > t[0] && op[1] < t[3]))) {
                _.label = op[1];
                break;
              }
              if (op[0] === 6 && _.label < t[1]) {
                _.label = t[1];
                t = op;
                break;
              }
              if (t && _.label < t[2]) {
                _.label = t[2];
                _.ops.push(op);
                break;
              }
              if (t[2]) _.ops.pop();
              _.trys.pop();
              continue;
          }
          op = body.call(thisArg, _);
        } catch (e) {
          op = [6, e];
          y = 0;
        } finally {
          f = t = 0;
        }
      if (op[0] & 5) throw op[1];
      return { value: op[0] ? op[1] : void 0, done: true };
    }
  };
var _a, _b;
Object.defineProperty(exports, '__esModule', { value: true });
// Latency of GET /api/v1/system/status over HTTP keep-alive, one client, sequential requests,
// against the real API process (production settings, rate limiter on: one PostgreSQL round trip for the
// limiter and one for the database check per request).
// Usage: pnpm --filter @iris/bench bench:status   (REQUESTS=1000, WARMUP=100)
var lib_ts_1 = require('./lib.ts');
var requests = Number((_a = process.env['REQUESTS']) !== null && _a !== void 0 ? _a : 1000);
var warmup = Number((_b = process.env['WARMUP']) !== null && _b !== void 0 ? _b : 100);
var database = await (0, lib_ts_1.benchDatabase)();
function measure(label, extraEnv) {
  return __awaiter(this, void 0, void 0, function () {
    var port, child, url, i, samples, started, i, t0, response, seconds, s;
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0:
          return [4 /*yield*/, (0, lib_ts_1.freePort)()];
        case 1:
          port = _a.sent();
          child = (0, lib_ts_1.startApi)(
            (0, lib_ts_1.apiEnv)(
              database.url,
              port,
              __assign({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000' }, extraEnv),
            ),
          );
          url = 'http://127.0.0.1:'.concat(port, '/api/v1/system/status');
          _a.label = 2;
        case 2:
          _a.trys.push([2, , 14, 16]);
          return [4 /*yield*/, (0, lib_ts_1.waitForOk)('http://127.0.0.1:'.concat(port, '/health'))];
        case 3:
          _a.sent();
          i = 0;
          _a.label = 4;
        case 4:
          if (!(i < warmup)) return [3 /*break*/, 8];
          return [4 /*yield*/, fetch(url)];
        case 5:
          return [4 /*yield*/, _a.sent().arrayBuffer()];
        case 6:
          _a.sent();
          _a.label = 7;
        case 7:
          i += 1;
          return [3 /*break*/, 4];
        case 8:
          samples = [];
          started = performance.now();
          i = 0;
          _a.label = 9;
        case 9:
          if (!(i < requests)) return [3 /*break*/, 13];
          t0 = performance.now();
          return [4 /*yield*/, fetch(url)];
        case 10:
          response = _a.sent();
          return [4 /*yield*/, response.arrayBuffer()];
        case 11:
          _a.sent();
          if (response.status !== 200) throw new Error('status '.concat(response.status));
          samples.push(performance.now() - t0);
          _a.label = 12;
        case 12:
          i += 1;
          return [3 /*break*/, 9];
        case 13:
          seconds = (performance.now() - started) / 1000;
          s = (0, lib_ts_1.summarize)(samples);
          console.log(
            'GET /api/v1/system/status \u2014 '
              .concat(label, ', ')
              .concat(s.n, ' requests after ')
              .concat(warmup, ' warm-up:'),
          );
          console.log(
            '  median '
              .concat((0, lib_ts_1.fmt)(s.p50), '  p95 ')
              .concat((0, lib_ts_1.fmt)(s.p95), '  p99 ')
              .concat((0, lib_ts_1.fmt)(s.p99), '  min ')
              .concat((0, lib_ts_1.fmt)(s.min), '  max ')
              .concat((0, lib_ts_1.fmt)(s.max), '  ') +
              'throughput '.concat((s.n / seconds).toFixed(0), ' req/s'),
          );
          return [3 /*break*/, 16];
        case 14:
          return [4 /*yield*/, (0, lib_ts_1.stop)(child)];
        case 15:
          _a.sent();
          return [7 /*endfinally*/];
        case 16:
          return [2 /*return*/];
      }
    });
  });
}
try {
  await measure('rate limiter on (production default)', {});
  await measure('rate limiter off', { RATE_LIMIT_ENABLED: 'false' });
} finally {
  await database.drop();
}
