package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sync and async routes read a raw path the same way: name decoded once, sub-path never climbing out. */
class FunctionPathTest {

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
        "/async-function/echo,                    echo,        /",
        "/async-function/echo/,                   echo,        /",
        "/async-function/echo/a/b,                echo,        /a/b",
        "/async-function/ech%6F,                  echo,        /",
        "/async-function/ech%6F/x,                echo,        /x",
        "/async-function/echo/../fail,            echo,        /fail",
        "/async-function/echo/a/../../../fail,    echo,        /fail",
        "/async-function/echo/%2e%2e/fail,        echo,        /fail",
        "/async-function/echo/./a/.,              echo,        /a/",
        "/async-function/echo/a/..,               echo,        /",
        "/async-function/echo/a%2Fb,              echo,        /a%2Fb",
        "/async-function/%2565cho,                %65cho,      /",
        "/async-function/ech%zz,                  ech%zz,      /",
        "/async-function/%C3%A9,                  é,           /",
        "/async-function/%FF,                     %FF,         /",
        "/async-function/,                        '',          /",
        "/async-function/..,                      ..,          /"
    })
    void rawPath_givesDecodedNameAndContainedSubPath(String path, String name, String subPath) {
        FunctionPath parsed = FunctionPath.parse(path, AsyncInvokeHandler.PREFIX);

        assertThat(parsed.name()).isEqualTo(name);
        assertThat(parsed.subPath()).isEqualTo(subPath);
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({"/function/echo/../fail, echo, /fail", "/function/ech%6F/x,     echo, /x"})
    void syncRoute_readsTheSameWay(String path, String name, String subPath) {
        FunctionPath parsed = FunctionPath.parse(path, SyncInvokeHandler.PREFIX);

        assertThat(parsed.name()).isEqualTo(name);
        assertThat(parsed.subPath()).isEqualTo(subPath);
    }
}
