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
var __spreadArray =
  (this && this.__spreadArray) ||
  function (to, from, pack) {
    if (pack || arguments.length === 2)
      for (var i = 0, l = from.length, ar; i < l; i++) {
        if (ar || !(i in from)) {
          if (!ar) ar = Array.prototype.slice.call(from, 0, i);
          ar[i] = from[i];
        }
      }
    return to.concat(ar || Array.prototype.slice.call(from));
  };
Object.defineProperty(exports, '__esModule', { value: true });
exports.API_ENTRY = exports.REPO_ROOT = void 0;
exports.percentile = percentile;
exports.summarize = summarize;
exports.fmt = fmt;
exports.freePort = freePort;
exports.benchDatabase = benchDatabase;
exports.apiEnv = apiEnv;
exports.startApi = startApi;
exports.waitForOk = waitForOk;
exports.stop = stop;
var node_child_process_1 = require('node:child_process');
var node_net_1 = require('node:net');
var node_path_1 = require('node:path');
var node_url_1 = require('node:url');
var testing_1 = require('@iris/db/testing');
exports.REPO_ROOT = node_path_1.default.resolve(
  node_path_1.default.dirname((0, node_url_1.fileURLToPath)(import.meta.url)),
  '../..',
);
exports.API_ENTRY = node_path_1.default.join(exports.REPO_ROOT, 'apps/api/src/main.ts');
function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  var index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
function summarize(samplesMs) {
  var sorted = __spreadArray([], samplesMs, true).sort(function (a, b) {
    return a - b;
  });
  return {
    n: sorted.length,
    min: sorted[0],
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
  };
}
function fmt(ms) {
  return ''.concat(ms.toFixed(2), ' ms');
}
function freePort() {
  return __awaiter(this, void 0, void 0, function () {
    return __generator(this, function (_a) {
      return [
        2 /*return*/,
        new Promise(function (resolve, reject) {
          var server = (0, node_net_1.createServer)();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', function () {
            var address = server.address();
            var port = typeof address === 'object' && address ? address.port : 0;
            server.close(function () {
              return resolve(port);
            });
          });
        }),
      ];
    });
  });
}
/** A migrated database for the run: BENCH_DATABASE_URL if given, else a fresh one on the test server. */
function benchDatabase() {
  return __awaiter(this, void 0, void 0, function () {
    var given, database;
    var _this = this;
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0:
          given = process.env['BENCH_DATABASE_URL'];
          if (given)
            return [
              2 /*return*/,
              {
                url: given,
                drop: function () {
                  return __awaiter(_this, void 0, void 0, function () {
                    return __generator(this, function (_a) {
                      return [2 /*return*/];
                    });
                  });
                },
              },
            ];
          return [4 /*yield*/, (0, testing_1.createTestDatabase)()];
        case 1:
          database = _a.sent();
          return [2 /*return*/, database];
      }
    });
  });
}
function apiEnv(databaseUrl, port, extra) {
  if (extra === void 0) {
    extra = {};
  }
  return __assign(
    __assign(__assign({}, process.env), {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      AUTH_MODE: 'clerk',
      // Verification key only; the benchmarks call public routes.
      CLERK_JWT_KEY: 'unused-for-public-routes',
      CLERK_AUTHORIZED_PARTIES: 'http://localhost:3001',
      LOG_LEVEL: 'warn',
    }),
    extra,
  );
}
function startApi(env) {
  return (0, node_child_process_1.spawn)(process.execPath, [exports.API_ENTRY], {
    env: env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
function waitForOk(url_1) {
  return __awaiter(this, arguments, void 0, function (url, timeoutMs) {
    var deadline, response, _a;
    if (timeoutMs === void 0) {
      timeoutMs = 30000;
    }
    return __generator(this, function (_b) {
      switch (_b.label) {
        case 0:
          deadline = Date.now() + timeoutMs;
          _b.label = 1;
        case 1:
          _b.trys.push([1, 3, , 4]);
          return [4 /*yield*/, fetch(url)];
        case 2:
          response = _b.sent();
          if (response.ok) return [2 /*return*/];
          return [3 /*break*/, 4];
        case 3:
          _a = _b.sent();
          return [3 /*break*/, 4];
        case 4:
          if (Date.now() > deadline)
            throw new Error(''.concat(url, ' did not answer 200 within ').concat(timeoutMs, ' ms'));
          return [
            4 /*yield*/,
            new Promise(function (resolve) {
              return setTimeout(resolve, 2);
            }),
          ];
        case 5:
          _b.sent();
          _b.label = 6;
        case 6:
          return [3 /*break*/, 1];
        case 7:
          return [2 /*return*/];
      }
    });
  });
}
function stop(child) {
  return __awaiter(this, void 0, void 0, function () {
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0:
          if (child.exitCode !== null) return [2 /*return*/];
          return [
            4 /*yield*/,
            new Promise(function (resolve) {
              child.once('exit', resolve);
              child.kill('SIGTERM');
            }),
          ];
        case 1:
          _a.sent();
          return [2 /*return*/];
      }
    });
  });
}
