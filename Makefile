# netfuzz: one entry point for every build configuration.
#
#   make                                  bin/netfuzz + every target, libFuzzer + ASan + UBSan
#   make ENGINE=E SANITIZER=S             into build/E-S/ (E: libfuzzer afl standalone coverage;
#                                         S: address (ASan+UBSan) undefined memory none)
#   make check                            unit tests + replay of corpora and regressions
#   make fuzz [FUZZ_SECONDS=N]            short libFuzzer run of every target
#
# With OSS-Fuzz's variables set ($LIB_FUZZING_ENGINE, $CC, $CFLAGS, $OUT) the
# targets are built with exactly those and written to $OUT; no sanitizer
# flags are added here.

ENGINE    ?= libfuzzer
SANITIZER ?= address
V         ?= 0
Q         := $(if $(filter 1,$(V)),,@)

SRCS         := $(sort $(wildcard src/*/*.c))
TARGET_SRCS  := $(sort $(wildcard targets/*.c)) $(EXTRA_TARGET_SRCS)
TARGETS      := $(basename $(notdir $(TARGET_SRCS)))
HARNESS_SRCS := $(sort $(wildcard harness/*.c))
TEST_SRCS    := $(sort $(wildcard tests/unit/test_*.c))

LIBS      := -lpcap -lssl -lcrypto -lmnl -ljansson -lm
WARN      := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
CPPFLAGS  := -Iinclude -Itargets -D_GNU_SOURCE

# ---------------------------------------------------------------- configuration
ifdef LIB_FUZZING_ENGINE
  # OSS-Fuzz / ClusterFuzzLite: their compiler, flags and engine, nothing else.
  B          := $(OUT)
  OBJ        := $(or $(WORK),/tmp)/netfuzz-obj
  FCC        := $(CC)
  FCFLAGS    := $(CFLAGS)
  FLDFLAGS   := $(CFLAGS)
  ENGINE_LIB := $(LIB_FUZZING_ENGINE)
  DRIVER_OBJ :=
else
  B   := build/$(ENGINE)-$(SANITIZER)
  OBJ := $(B)/obj
  SAN_address   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
  SAN_undefined := -fsanitize=undefined -fno-sanitize-recover=undefined
  SAN_memory    := -fsanitize=memory -fsanitize-memory-track-origins
  SAN_none      :=
  ifeq ($(origin SAN_$(SANITIZER)),undefined)
    $(error SANITIZER must be one of: address undefined memory none)
  endif
  SANFLAGS := $(SAN_$(SANITIZER))
  BASEFLAGS := -g -O1 -fno-omit-frame-pointer -gline-tables-only
  ifeq ($(ENGINE),libfuzzer)
    FCC        := clang
    FCFLAGS    := $(BASEFLAGS) $(SANFLAGS) -fsanitize=fuzzer-no-link
    FLDFLAGS   := $(SANFLAGS) -fsanitize=fuzzer
    ENGINE_LIB :=
  else ifeq ($(ENGINE),afl)
    FCC        := afl-clang-fast
    FCFLAGS    := $(BASEFLAGS) $(SANFLAGS)
    FLDFLAGS   := $(SANFLAGS)
    ENGINE_LIB := /usr/lib/afl/libAFLDriver.a
  else ifeq ($(ENGINE),standalone)
    FCC        := clang
    FCFLAGS    := $(BASEFLAGS) $(SANFLAGS)
    FLDFLAGS   := $(SANFLAGS)
    DRIVER_OBJ := $(OBJ)/harness/drivers/standalone.o
  else ifeq ($(ENGINE),coverage)
    FCC        := clang
    FCFLAGS    := -g -O0 $(SANFLAGS) -fprofile-instr-generate -fcoverage-mapping
    FLDFLAGS   := $(SANFLAGS) -fprofile-instr-generate -fcoverage-mapping
    DRIVER_OBJ := $(OBJ)/harness/drivers/standalone.o
  else
    $(error ENGINE must be one of: libfuzzer afl standalone coverage)
  endif
endif

LIB_OBJS    := $(patsubst %.c,$(OBJ)/%.o,$(SRCS))
FUZZ_BINS   := $(addprefix $(B)/,$(TARGETS))
CMPLOG_BINS := $(if $(filter afl,$(ENGINE)),$(addsuffix .cmplog,$(FUZZ_BINS)))

# ---------------------------------------------------------------- dependencies
# A missing tool or header runs ci/install-deps.sh, saying what was missing.
ifndef LIB_FUZZING_ENGINE
NEED_CMDS := clang llvm-profdata llvm-cov afl-clang-fast tshark tcpdump zip nft ip
NEED_HDRS := /usr/include/pcap/pcap.h /usr/include/openssl/ssl.h /usr/include/libmnl/libmnl.h \
             /usr/include/jansson.h /usr/include/cmocka.h
MISSING := $(strip $(foreach c,$(NEED_CMDS),$(if $(shell command -v $(c) 2>/dev/null),,$(c))) \
             $(foreach h,$(NEED_HDRS),$(if $(wildcard $(h)),,$(h))))
endif
DEPS_GATE := $(if $(MISSING),deps)

.SECONDARY:
.PHONY: all targets cli check regress fuzz deps clean distclean tests print-targets
all: $(if $(LIB_FUZZING_ENGINE),,cli) targets
targets: $(FUZZ_BINS) $(CMPLOG_BINS)
cli: bin/netfuzz

deps:
	@echo "netfuzz: missing $(MISSING); running ci/install-deps.sh" >&2
	@ci/install-deps.sh

print-targets:
	@echo $(TARGETS)

# ---------------------------------------------------------------- fuzz targets
$(OBJ)/%.o: %.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@

# Targets compile with NF_FUZZ_BINARY: NF_TARGET becomes LLVMFuzzerTestOneInput.
$(OBJ)/fuzz/%.o: targets/%.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
$(OBJ)/fuzz/%.o: tests/targets/%.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@

# The driver is plain C: no coverage instrumentation of its own.
$(OBJ)/harness/drivers/standalone.o: harness/drivers/standalone.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(WARN) -g -O1 $(SANFLAGS) -c $< -o $@

$(OBJ)/libnetfuzz.a: $(LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/%: $(OBJ)/fuzz/%.o $(OBJ)/libnetfuzz.a $(DRIVER_OBJ)
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)$(FCC) $(FLDFLAGS) $^ $(ENGINE_LIB) $(LIBS) -o $@

# AFL++ CMPLOG variant (afl-fuzz -c): same sources, compare logging on.
$(B)/cmplog/obj/%.o: %.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
$(B)/cmplog/obj/fuzz/%.o: targets/%.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
$(B)/cmplog/libnetfuzz.a: $(patsubst %.c,$(B)/cmplog/obj/%.o,$(SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^
$(B)/%.cmplog: $(B)/cmplog/obj/fuzz/%.o $(B)/cmplog/libnetfuzz.a
	@echo "  LD  $@"
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(FLDFLAGS) $^ $(ENGINE_LIB) $(LIBS) -o $@

# ---------------------------------------------------------------- the CLI
# bin/netfuzz is the tool people run on captures: optimised, hardened, no
# sanitizers.  Targets link in registry mode so `netfuzz list` sees them.
CLI_OBJ   := build/cli/obj
CLI_FLAGS := -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fno-strict-aliasing
# (frame issue) LTO: lets the cursor getters inline into the dissectors (bench/dissect.sh).
CLI_FLAGS += -flto -fuse-ld=lld -Wno-unused-command-line-argument
CLI_OBJS  := $(patsubst %.c,$(CLI_OBJ)/%.o,$(SRCS) $(HARNESS_SRCS) $(sort $(wildcard targets/*.c)))

$(CLI_OBJ)/%.o: %.c | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) $(WARN) $(CLI_FLAGS) -MMD -MP -c $< -o $@

bin/netfuzz: $(CLI_OBJS)
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)clang $(CLI_FLAGS) $^ $(LIBS) -o $@

# ---------------------------------------------------------------- tests
# Unit tests link the standalone ASan+UBSan library (no fuzzer runtime).
TEST_B    := build/standalone-address
TEST_BINS := $(patsubst tests/unit/%.c,$(TEST_B)/tests/%,$(TEST_SRCS))

ifeq ($(B),$(TEST_B))
$(TEST_B)/tests/%: tests/unit/%.c $(OBJ)/libnetfuzz.a | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP $< $(OBJ)/libnetfuzz.a -lcmocka $(LIBS) $(FLDFLAGS) -o $@
tests: $(TEST_BINS)
endif

check: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=standalone SANITIZER=address targets tests
	$(Q)tests/run-check.sh

regress: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=standalone SANITIZER=address targets
	$(Q)bin/netfuzz regress

FUZZ_SECONDS ?= 5
fuzz: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=libfuzzer SANITIZER=address targets
	$(Q)ci/fuzz-all.sh $(FUZZ_SECONDS) $(TARGETS)

clean:
	rm -rf build bin
distclean: clean
	rm -rf out

-include $(shell find build $(OBJ) -name '*.d' 2>/dev/null)
