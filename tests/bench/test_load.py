"""bench/load.py reads wrk's report as wrk writes it."""

from bench.load import MIX_SCRIPT, parse_wrk

REPORT = """Running 5s test @ http://127.0.0.1:8199/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    14.02ms   10.11ms 152.10ms   80.21%
    Req/Sec     1.18k   210.44     1.60k    70.00%
  Latency Distribution
     50%   11.40ms
     75%   17.02ms
     90%   25.77ms
     99%    1.20s
  11734 requests in 5.01s, 160.33MB read
  Socket errors: connect 0, read 3, write 0, timeout 0
  Non-2xx or 3xx responses: 145
Requests/sec:   2342.14
Transfer/sec:     32.00MB
status 200 11589
status 503 145
"""


def test_the_report_is_read_with_units_and_statuses():
    figures = parse_wrk(REPORT)
    assert figures["requests"] == 11734
    assert figures["rps"] == 2342.14
    assert figures["p50"] == 11.4
    assert figures["p99"] == 1200.0  # seconds in ms
    assert figures["non2xx"] == 145
    assert figures["socket"] == "connect 0, read 3, write 0, timeout 0"
    assert figures["statuses"] == {200: 11589, 503: 145}


def test_a_clean_run_has_no_socket_errors_or_failures():
    clean = REPORT.replace("  Socket errors: connect 0, read 3, write 0, timeout 0\n", "")
    clean = clean.replace("  Non-2xx or 3xx responses: 145\n", "")
    figures = parse_wrk(clean)
    assert figures["socket"] == "none"
    assert figures["non2xx"] == 0


def test_the_mix_script_takes_every_page_in_turn():
    script = MIX_SCRIPT.replace("PATHS", '"/a/", "/b/"')
    assert 'local paths = {"/a/", "/b/"}' in script
    assert "paths[(n % #paths) + 1]" in script
    assert 'io.write(string.format("status %d %d\\n", status, count))' in script
